package dev.hearth.driver.api.model;

/** The type of a property, or of an event or action argument, as declared in a model file. */
public enum ValueType { BOOL, INT, FLOAT, STRING, JSON }
