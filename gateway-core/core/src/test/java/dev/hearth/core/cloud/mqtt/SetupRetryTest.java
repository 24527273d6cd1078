package dev.hearth.core.cloud.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;

class SetupRetryTest {
    @Test
    void aConnectionLostDuringSetupIsTriedAgain() throws MqttException {
        AtomicInteger attempts = new AtomicInteger();
        String result = SetupRetry.onLostConnection(() -> {
            if (attempts.incrementAndGet() == 1) throw new MqttException(MqttClientException.REASON_CODE_CONNECTION_LOST);
            return "subscribed";
        });
        assertThat(result).isEqualTo("subscribed");
        assertThat(attempts).hasValue(2);
    }

    @Test
    void aRefusalIsNotTriedAgain() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> SetupRetry.onLostConnection(() -> {
            attempts.incrementAndGet();
            throw new MqttException(MqttClientException.REASON_CODE_NOT_AUTHORIZED);
        })).isInstanceOf(MqttException.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void aBrokerThatKeepsDroppingTheSetupFailsAfterThreeAttempts() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> SetupRetry.onLostConnection(() -> {
            attempts.incrementAndGet();
            throw new MqttException(MqttClientException.REASON_CODE_CONNECTION_LOST);
        })).isInstanceOf(MqttException.class)
                .extracting(e -> ((MqttException) e).getReasonCode()).isEqualTo((int) MqttClientException.REASON_CODE_CONNECTION_LOST);
        assertThat(attempts).hasValue(3);
    }
}
