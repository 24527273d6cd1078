package dev.hearth.driver.api.model;

/** What can be done with a property: read it, write it, be notified of its changes. */
public enum Access { READ, WRITE, NOTIFY }
