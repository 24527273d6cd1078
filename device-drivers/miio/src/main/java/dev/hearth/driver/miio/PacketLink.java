package dev.hearth.driver.miio;

import java.net.InetSocketAddress;

/** Sends datagrams for sessions: the UDP channel in production, a recorder in unit tests. */
interface PacketLink {
    void send(InetSocketAddress to, byte[] packet);
}
