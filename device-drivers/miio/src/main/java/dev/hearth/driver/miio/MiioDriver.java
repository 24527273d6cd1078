package dev.hearth.driver.miio;

import dev.hearth.driver.api.Announcement;
import dev.hearth.driver.api.DeviceDriver;
import dev.hearth.driver.api.DeviceEvent;
import dev.hearth.driver.api.DeviceSecret;
import dev.hearth.driver.api.DeviceSession;
import dev.hearth.driver.api.DeviceSink;
import dev.hearth.driver.api.DiscoveredDevice;
import dev.hearth.driver.api.DriverContext;
import dev.hearth.driver.api.model.DeviceModel;
import dev.hearth.protocols.miio.MiioPacketCodec;
import dev.hearth.protocols.miio.MiioToken;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Xiaomi miIO over UDP port 54321: legacy and MIoT devices, described by model files whose
 * option {@code miio.api} says which calls they take. One socket and one I/O thread serve every
 * device. Tokens come from the {@link dev.hearth.driver.api.SecretStore}; a device without one is
 * refused without a single packet sent.
 *
 * <p>Options (DriverSettings): see {@link MiioOptions}; also {@code miio.bindAddress} (the local
 * address of the socket, default the wildcard), {@code miio.maxPacketSize} (default 16384) and
 * {@code miio.nativeTransport} (default true: Netty's native epoll transport where it loads, else NIO;
 * false: always NIO).
 */
public final class MiioDriver implements DeviceDriver {
    /** The mDNS service type miIO devices announce. */
    public static final String SERVICE_TYPE = "_miio._udp.local.";
    /** The port every miIO device listens on. */
    public static final int PORT = 54321;

    private DriverContext context;
    private MiioOptions options;
    private MiioTransport transport;
    private MiioPacketCodec codec;
    private final SplittableRandom random = new SplittableRandom();

    @Override
    public String protocol() {
        return "miio";
    }

    @Override
    public Set<String> serviceTypes() {
        return Set.of(SERVICE_TYPE);
    }

    /** A bare did is {@code miio-<did>}, the id discovery gives the device. */
    @Override
    public String canonicalId(String configuredId) {
        return MiioInstanceName.canonicalDeviceId(configuredId);
    }

    @Override
    public Optional<DiscoveredDevice> recognize(Announcement a) {
        if (!SERVICE_TYPE.equalsIgnoreCase(a.serviceType())) return Optional.empty();
        Optional<MiioInstanceName> name = MiioInstanceName.parse(a.instanceName());
        Optional<InetAddress> ip = a.addresses().stream().filter(Inet4Address.class::isInstance).findFirst();
        if (name.isEmpty() || ip.isEmpty()) return Optional.empty();
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("did", Long.toString(name.get().deviceId()));
        String mac = a.txt().getOrDefault("mac", "").strip().toLowerCase(Locale.ROOT);
        if (mac.matches("[0-9a-f]{12}")) attributes.put("mac", mac.replaceAll("(..)(?!$)", "$1:"));
        String epoch = a.txt().getOrDefault("epoch", "").strip();
        if (epoch.matches("[0-9]{1,3}")) attributes.put("epoch", epoch);
        int port = a.port() > 0 ? a.port() : PORT;
        return Optional.of(new DiscoveredDevice(name.get().gatewayDeviceId(), protocol(), name.get().model(),
                new InetSocketAddress(ip.get(), port), attributes));
    }

    @Override
    public synchronized void start(DriverContext context) {
        if (this.context != null) throw new IllegalStateException("the miio driver is already started");
        this.options = MiioOptions.from(context.settings().options());
        int maxPacket = Integer.parseInt(context.settings().options().getOrDefault("miio.maxPacketSize", "16384"));
        this.codec = new MiioPacketCodec(maxPacket);
        boolean preferNative = Boolean.parseBoolean(context.settings().options().getOrDefault("miio.nativeTransport", "true"));
        this.transport = new MiioTransport(new InetSocketAddress(bindAddress(context), 0), maxPacket,
                DatagramIo.select(preferNative), context.counters());
        this.context = context;
    }

    @Override
    public synchronized DeviceSession open(DiscoveredDevice device, DeviceSink sink) {
        if (context == null || transport == null) throw new IllegalStateException("the miio driver is not started");
        Optional<DeviceSecret> secret = context.secrets().deviceSecret(device.deviceId());
        if (secret.isEmpty()) return refuse(device, sink, "no token configured");
        if (secret.get().length() != MiioToken.LENGTH) return refuse(device, sink, "the configured token is not 16 bytes");
        Optional<Long> did = deviceNumber(device);
        if (did.isEmpty()) return refuse(device, sink, "no miIO device id in " + device.deviceId());
        MiioToken token = MiioToken.of(secret.get().bytes());
        DeviceModel model = context.models().find(device.model())
                .filter(m -> m.protocol().equals(protocol()))
                .orElseGet(() -> new DeviceModel(device.model(), protocol(), "unknown miIO model: liveness and device info only",
                        Map.of("miio.api", "miot"), List.of()));
        MiioTransport t = transport;
        // replies are routed by address: a second device there would starve one of the two sessions
        Optional<String> holder = t.holderOf(device.address()).filter(h -> !h.equals(device.deviceId()));
        if (holder.isPresent()) {
            return refuse(device, sink, "address_taken", "the address " + device.address().getAddress().getHostAddress() + ":"
                    + device.address().getPort() + " is the session of " + holder.get());
        }
        MiioOptions o;
        try {
            o = options.forModel(model.options());
        } catch (IllegalArgumentException badModel) {
            return refuse(device, sink, "bad_model_options", "model " + model.model() + ": " + badModel.getMessage());
        }
        MiioSession session = new MiioSession(device.deviceId(), model, MiioApi.forModel(model, did.get(), o.maxPropsPerRequest()), o,
                context.clock(), context.scheduler(), t.loop(), sink, random.split(), t,
                listener -> new MiioExchange(did.get(), token, device.address(), o, context.clock(), context.scheduler(),
                        t.loop(), t, context.counters(), codec, listener, new RequestIds(context.state(), device.deviceId())));
        t.register(session);
        session.start();
        return session;
    }

    @Override
    public synchronized void stop() {
        if (transport != null) {
            transport.close();
            transport = null;
        }
    }

    private DeviceSession refuse(DiscoveredDevice device, DeviceSink sink, String reason) {
        return refuse(device, sink, reason.replace(' ', '_'), reason);
    }

    /** Refuses with {@code counted} as the counter's (bounded) reason and {@code reason} as the words. */
    private DeviceSession refuse(DiscoveredDevice device, DeviceSink sink, String counted, String reason) {
        context.counters().increment("refused_devices", counted);
        transport.loop().execute(() -> sink.accept(new DeviceEvent.Refused(reason, context.clock().instant())));
        return new RefusedSession(device.deviceId(), reason);
    }

    private static Optional<Long> deviceNumber(DiscoveredDevice device) {
        String did = device.attributes().getOrDefault("did", device.deviceId().replaceFirst("^miio-", ""));
        try {
            long n = Long.parseLong(did);
            return n > 0 && n <= 0xffff_ffffL ? Optional.of(n) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static InetAddress bindAddress(DriverContext context) {
        String bind = context.settings().options().getOrDefault("miio.bindAddress", "0.0.0.0");
        String[] parts = bind.split("\\.");
        if (parts.length != 4) throw new IllegalArgumentException("miio.bindAddress must be an IPv4 address, not '" + bind + "'");
        byte[] b = new byte[4];
        try {
            for (int i = 0; i < 4; i++) {
                int v = Integer.parseInt(parts[i]);
                if (v < 0 || v > 255) throw new NumberFormatException();
                b[i] = (byte) v;
            }
            // from raw bytes: no reverse-DNS lookup
            return InetAddress.getByAddress(b);
        } catch (NumberFormatException | UnknownHostException e) {
            throw new IllegalArgumentException("miio.bindAddress must be an IPv4 address, not '" + bind + "'");
        }
    }
}
