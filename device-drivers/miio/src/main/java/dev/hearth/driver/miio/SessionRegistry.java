package dev.hearth.driver.miio;

import java.net.InetSocketAddress;

/** Where datagrams find their session: by the device's address. */
interface SessionRegistry {
    void moved(MiioSession session, InetSocketAddress from, InetSocketAddress to);

    void closed(MiioSession session, InetSocketAddress at);

    SessionRegistry NONE = new SessionRegistry() {
        @Override public void moved(MiioSession session, InetSocketAddress from, InetSocketAddress to) { }
        @Override public void closed(MiioSession session, InetSocketAddress at) { }
    };
}
