package dev.hearth.core.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.core.api.GatewayUnderTest;
import dev.hearth.core.api.GatewayUnderTest.Entry;
import dev.hearth.testkit.Conditions;
import dev.hearth.driver.api.value.Value;
import dev.hearth.simulator.miio.MiioDeviceKind;
import dev.hearth.simulator.miio.MiioFleet;
import dev.hearth.simulator.miio.SimulatedMiioDevice;
import dev.hearth.simulator.nativedev.DeviceKind;
import dev.hearth.simulator.nativedev.NativeFleet;
import dev.hearth.simulator.nativedev.SimulatedDevice;
import dev.hearth.simulator.nativedev.SimulatorRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web page end to end, in real headless Chromium, against a real gateway assembly and
 * simulated devices (native lamp, plug, sensor, vacuum; a legacy miIO fan; a miIO plug whose token
 * is not configured): devices grouped by the rooms made through the API, the lamp's and the fan's
 * switches changing the simulated devices, a device that stops shown offline live, and no
 * horizontal scrolling on a phone or a laptop.
 */
class GatewayWebIT {
    private static final String LAMP = "native-lamp-001";
    private static final String PLUG = "native-plug-002";
    private static final String SENSOR = "native-sensor-003";
    private static final String VACUUM = "native-vacuum-004";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir Path dir;
    private SimulatorRuntime runtime;
    private NativeFleet fleet;
    private MiioFleet miio;
    private SimulatedMiioDevice fan;
    private SimulatedMiioDevice newPlug;
    private GatewayUnderTest gw;
    private HeadlessChromium chromium;

    @BeforeEach
    void start() throws Exception {
        runtime = SimulatorRuntime.system(Optional.empty());
        fleet = NativeFleet.start(NativeFleet.Spec.of(4, MiioFleet.address(127, 0, 0, 1))
                .withKinds(List.of(DeviceKind.LAMP, DeviceKind.PLUG, DeviceKind.SENSOR, DeviceKind.VACUUM)), runtime);
        miio = MiioFleet.start(new MiioFleet.Options(2, List.of(MiioDeviceKind.LEGACY_FAN, MiioDeviceKind.MIOT_PLUG),
                MiioFleet.address(127, 0, 0, 1), 0, false));
        fan = miio.devices().get(0);
        newPlug = miio.devices().get(1);
        List<Entry> entries = new ArrayList<>();
        for (SimulatedDevice d : fleet.devices()) {
            entries.add(new Entry(d.deviceId(), "native", d.model().model(), "127.0.0.1", d.port(), Optional.of(d.key().bytes())));
        }
        entries.add(new Entry(fan.gatewayDeviceId(), "miio", fan.model(), "127.0.0.1", fan.address().getPort(), Optional.of(fan.token().bytes())));
        entries.add(new Entry(newPlug.gatewayDeviceId(), "miio", newPlug.model(), "127.0.0.1", newPlug.address().getPort(), Optional.empty()));
        gw = GatewayUnderTest.start(dir, entries);
        gw.awaitOnline(LAMP, PLUG, SENSOR, VACUUM, fan.gatewayDeviceId());
        Conditions.await("the fan's first poll", WAIT, () -> gw.listed(fan.gatewayDeviceId()).path("state").has("2.1"));

        String living = gw.post("/api/v1/rooms", Map.of("name", "Living room")).json().path("id").asText();
        String study = gw.post("/api/v1/rooms", Map.of("name", "Study")).json().path("id").asText();
        assign(LAMP, living, "Sofa lamp");
        assign(fan.gatewayDeviceId(), living, "Standing fan");
        assign(PLUG, study, "Desk plug");
        assign(SENSOR, study, "Study climate");
        chromium = new HeadlessChromium(dir, 412, 915);
    }

    private void assign(String deviceId, String roomId, String name) {
        assertThat(gw.post("/api/v1/devices/" + deviceId, Map.of("roomId", roomId, "name", name)).status()).isEqualTo(200);
    }

    @AfterEach
    void stop() throws Exception {
        if (chromium != null) chromium.close();
        if (gw != null) gw.close();
        if (fleet != null) fleet.close();
        if (miio != null) miio.close();
        if (runtime != null) runtime.close();
    }

    private WebDriverWait waitUpTo(Duration d) {
        // a registry event re-renders the list: an element found a moment ago may be gone
        return (WebDriverWait) new WebDriverWait(chromium.driver(), d).ignoring(StaleElementReferenceException.class);
    }

    private WebElement card(String deviceId) {
        return chromium.driver().findElement(By.cssSelector("[data-device='" + deviceId + "']"));
    }

    private List<String> devicesIn(String room) {
        return chromium.driver().findElements(By.cssSelector("section.room[data-room='" + room + "'] [data-device]")).stream()
                .map(e -> e.getAttribute("data-device")).toList();
    }

    @Test
    void showsTheRealHomeByRoomControlsTheSimulatedDevicesAndShowsOfflineLive() throws Exception {
        WebDriver page = chromium.driver();
        page.get(gw.base() + "/#token=" + gw.token());
        waitUpTo(WAIT).until(d -> !d.findElements(By.cssSelector("[data-device='" + LAMP + "']")).isEmpty());
        waitUpTo(WAIT).until(d -> d.findElement(By.id("link")).getText().equals("live"));

        assertThat(devicesIn("Living room")).containsExactlyInAnyOrder(LAMP, fan.gatewayDeviceId());
        assertThat(devicesIn("Study")).containsExactlyInAnyOrder(PLUG, SENSOR);
        assertThat(devicesIn("Not in a room")).containsExactly(VACUUM);
        assertThat(card(LAMP).findElement(By.cssSelector(".name")).getText()).isEqualTo("Sofa lamp");
        assertThat(card(LAMP).findElement(By.cssSelector(".status")).getText()).isEqualTo("online");
        assertThat(card(SENSOR).findElement(By.cssSelector(".switch")).isDisplayed()).isFalse();
        assertThat(page.findElement(By.cssSelector("[data-inbox='" + newPlug.gatewayDeviceId() + "']")).getText())
                .contains("cuco.plug.v3").contains("no key or token");
        assertThat(page.findElement(By.tagName("body")).getText()).doesNotContain(fan.token().toHex());
        // readings with their units on the card; device information folded away
        assertThat(card(fan.gatewayDeviceId()).findElement(By.cssSelector("dl.state")).getText()).contains("23.1 °C").contains("45%");
        assertThat(card(LAMP).findElement(By.cssSelector(".level")).getText()).isEqualTo("50%");
        WebElement details = card(LAMP).findElement(By.cssSelector(".more dl"));
        assertThat(details.isDisplayed()).isFalse();
        assertThat(details.getAttribute("textContent")).contains("firmware").contains("1.0.0");
        assertNoHorizontalScrolling("412x915");
        ((JavascriptExecutor) page).executeScript("window.hearthNotReloaded = true;");

        // the lamp is off: its brightness waits until it is on
        WebElement lampSwitch = card(LAMP).findElement(By.cssSelector(".switch input"));
        assertThat(lampSwitch.isSelected()).isFalse();
        assertThat(card(LAMP).findElement(By.cssSelector(".brightness")).isEnabled()).isFalse();
        lampSwitch.click();
        SimulatedDevice lamp = fleet.device(LAMP);
        Conditions.await("the simulated lamp on", WAIT, () -> lamp.property("2.1").equals(Optional.of(Value.of(true))),
                () -> lamp.properties());
        waitUpTo(WAIT).until(d -> card(LAMP).findElement(By.cssSelector(".brightness")).isEnabled());
        assertThat(card(LAMP).findElement(By.cssSelector(".switch input")).isSelected()).isTrue();
        card(LAMP).findElement(By.cssSelector(".brightness")).sendKeys(Keys.END);
        Conditions.await("the simulated lamp at full brightness", WAIT, () -> lamp.property("2.2").equals(Optional.of(Value.of(100L))),
                () -> lamp.properties());
        waitUpTo(WAIT).until(d -> card(LAMP).findElement(By.cssSelector(".level")).getText().equals("100%"));

        // the legacy fan's switch writes "on", not true
        WebElement fanSwitch = card(fan.gatewayDeviceId()).findElement(By.cssSelector(".switch input"));
        assertThat(fanSwitch.isSelected()).isFalse();
        fanSwitch.click();
        Conditions.await("the simulated fan on", WAIT, () -> fan.state().get("power").asText().equals("on"), () -> fan.state());
        waitUpTo(WAIT).until(d -> card(fan.gatewayDeviceId()).findElement(By.cssSelector(".switch input")).isEnabled());
        assertThat(card(fan.gatewayDeviceId()).findElement(By.cssSelector(".switch input")).isSelected()).isTrue();

        fleet.device(PLUG).stop();
        waitUpTo(Duration.ofSeconds(5)).until(d -> card(PLUG).findElement(By.cssSelector(".status")).getText().equals("offline"));
        assertThat(card(PLUG).findElement(By.cssSelector(".why")).getText()).startsWith("Offline:");
        assertThat(card(PLUG).findElement(By.cssSelector(".switch input")).isEnabled()).isFalse();
        assertThat(((JavascriptExecutor) page).executeScript("return window.hearthNotReloaded === true;")).isEqualTo(true);
        assertThat(page.findElement(By.id("error")).getText()).isEmpty();

        Path phone = chromium.screenshot("gateway-web-412x915");
        assertThat(Files.size(phone)).isGreaterThan(10_000);

        page.manage().window().setSize(new Dimension(1280, 800));
        waitUpTo(WAIT).until(d -> ((Number) ((JavascriptExecutor) d).executeScript("return window.innerWidth;")).intValue() >= 1200);
        assertNoHorizontalScrolling("1280x800");
        Path laptop = chromium.screenshot("gateway-web");
        assertThat(Files.size(laptop)).isGreaterThan(10_000);
    }

    private void assertNoHorizontalScrolling(String size) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) ((JavascriptExecutor) chromium.driver()).executeScript(
                "return {scroll: document.documentElement.scrollWidth, inner: window.innerWidth};");
        long scroll = ((Number) m.get("scroll")).longValue();
        long inner = ((Number) m.get("inner")).longValue();
        assertThat(scroll).as("page width at %s (window %d px)", size, inner).isLessThanOrEqualTo(inner);
    }
}
