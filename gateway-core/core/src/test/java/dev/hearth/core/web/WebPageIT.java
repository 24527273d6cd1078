package dev.hearth.core.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.core.http.ApiResponse;
import dev.hearth.core.http.ApiToken;
import dev.hearth.core.http.EventStream;
import dev.hearth.core.http.HttpApiServer;
import dev.hearth.core.http.HttpCounters;
import dev.hearth.core.http.Router;
import dev.hearth.core.http.StaticFiles;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web page's own behaviour in real headless Chromium, against a scripted API: grouping by room,
 * controls posting commands, live updates from the event stream, and the token handling. The
 * end-to-end version against a real gateway and simulated devices is GatewayWebIT.
 */
class WebPageIT {
    @TempDir Path tmp;
    private HttpApiServer server;
    private EventStream events;
    private ApiToken token;
    private String base;
    private HeadlessChromium chromium;
    private final List<JsonNode> posted = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        token = ApiToken.loadOrCreate(tmp.resolve("data"), new SecureRandom());
        events = new EventStream();
        Map<String, Object> lamp = Map.of("id", "lamp-1", "name", "Desk lamp", "model", "hearth.light.lamp1",
                "protocol", "native", "roomId", "r1",
                "status", Map.of("status", "online", "since", 0, "session", 1, "damped", false),
                "share", Map.of("sharedWith", 2, "sharedBy", List.of("p_1")),
                "state", Map.of("2.1", false, "2.2", 40), "labels", Map.of("2.1", "on", "2.2", "brightness"),
                "controls", Map.of("power", Map.of("key", "2.1", "on", true, "off", false), "brightness", Map.of("key", "2.2", "min", 1, "max", 100)));
        Map<String, Object> sensor = Map.of("id", "th-1", "name", "Hall sensor", "model", "hearth.sensor.th1",
                "protocol", "native", "roomId", "",
                "status", Map.of("status", "offline", "reason", "HEARTBEAT_TIMEOUT", "detail", "no heartbeat for 3 intervals", "since", 0, "session", 1, "damped", false),
                "share", Map.of("sharedWith", 0, "sharedBy", List.of()),
                "state", Map.of("2.1", 21.5), "labels", Map.of("2.1", "temperature"), "controls", Map.of());
        Router router = new Router()
                .sync("GET", "/api/v1/devices", Router.Access.TOKEN, r -> ApiResponse.ok(List.of(lamp, sensor)))
                .sync("GET", "/api/v1/rooms", Router.Access.TOKEN, r -> ApiResponse.ok(List.of(Map.of("id", "r1", "name", "Study"))))
                .sync("GET", "/api/v1/inbox", Router.Access.TOKEN, r -> ApiResponse.ok(List.of(Map.of(
                        "deviceId", "1718865432", "protocol", "miio", "model", "zhimi.fan.sa1", "reason", "no token configured"))))
                .sync("POST", "/api/v1/devices/{id}/properties", Router.Access.TOKEN, r -> {
                    posted.add(r.json());
                    return ApiResponse.ok(Map.of("status", "OK"));
                });
        new StaticFiles("hearth/web").routes(router);
        server = new HttpApiServer(router, token, events, HttpCounters.NONE, 64 * 1024);
        InetSocketAddress bound = server.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        base = "http://127.0.0.1:" + bound.getPort();
        chromium = new HeadlessChromium(tmp, 412, 915);
    }

    @AfterEach
    void stop() {
        if (chromium != null) chromium.close();
        server.close();
    }

    private WebDriverWait waitUpTo(int seconds) {
        return new WebDriverWait(chromium.driver(), Duration.ofSeconds(seconds));
    }

    @Test
    void showsDevicesByRoomControlsThemAndFollowsTheEventStream() throws Exception {
        WebDriver page = chromium.driver();
        page.get(base + "/#token=" + token.reveal());
        WebElement lampCard = waitUpTo(10).until(d -> d.findElement(By.cssSelector("[data-device='lamp-1']")));

        WebElement study = page.findElement(By.cssSelector("section.room[data-room='Study']"));
        assertThat(study.findElements(By.cssSelector("[data-device='lamp-1']"))).hasSize(1);
        assertThat(page.findElement(By.cssSelector("[data-device='th-1'] .why")).getText())
                .contains("heartbeat timeout").contains("no heartbeat for 3 intervals");
        assertThat(lampCard.findElement(By.cssSelector(".share")).getText()).isEqualTo("Shared with 2 users");
        assertThat(page.findElement(By.cssSelector("[data-device='th-1'] .switch")).isDisplayed()).isFalse();
        assertThat(lampCard.findElement(By.cssSelector(".switch")).isDisplayed()).isTrue();
        assertThat(page.findElement(By.cssSelector("[data-inbox='1718865432']")).getText()).contains("no token configured");
        assertThat(page.getCurrentUrl()).doesNotContain(token.reveal());

        lampCard.findElement(By.cssSelector(".switch input")).click();
        waitUpTo(10).until(d -> !posted.isEmpty());
        assertThat(posted.get(0).toString()).isEqualTo("{\"values\":{\"2.1\":true}}");

        waitUpTo(10).until(d -> events.clientCount() > 0);
        events.publish("availability", Map.of("device", "lamp-1", "status", "offline", "reason", "CONNECTION_CLOSED",
                "detail", "device closed the connection", "since", 1_700_000_000_000L, "session", 1, "damped", false));
        waitUpTo(10).until(d -> d.findElement(By.cssSelector("[data-device='lamp-1'] .status")).getText().equals("offline"));
        assertThat(page.findElement(By.cssSelector("[data-device='lamp-1'] .why")).getText()).contains("connection closed");
        events.publish("state", Map.of("device", "lamp-1", "values", Map.of("2.2", 75)));
        waitUpTo(10).until(d -> d.findElement(By.cssSelector("[data-device='lamp-1'] .brightness")).getAttribute("value").equals("75"));

        Path shot = chromium.screenshot("web-page-scripted");
        assertThat(Files.size(shot)).isGreaterThan(1000);
    }

    @Test
    void asksForTheTokenWhenItHasNone() {
        WebDriver page = chromium.driver();
        page.get(base + "/");
        WebElement login = waitUpTo(10).until(d -> d.findElement(By.id("login")));
        waitUpTo(10).until(d -> login.isDisplayed());
        page.findElement(By.id("token")).sendKeys("0123456789abcdef0123456789abcdef");
        page.findElement(By.cssSelector("#login-form button")).click();
        waitUpTo(10).until(d -> d.findElement(By.id("login-error")).getText().contains("not accepted"));
    }
}
