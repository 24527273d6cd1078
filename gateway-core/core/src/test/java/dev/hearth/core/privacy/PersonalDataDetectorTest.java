package dev.hearth.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.driver.api.value.Value;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PersonalDataDetectorTest {

    private final PersonalDataDetector detector = new PersonalDataDetector();

    private List<PiiCategory> categories(String key, Value v) {
        return detector.scan(key, v).stream().map(Finding::category).toList();
    }

    @Test
    void recognisesPersonKeysAsWholeTokensInAnyCaseOrLanguage() {
        assertThat(detector.isPersonKey("username")).isTrue();
        assertThat(detector.isPersonKey("userName")).isTrue();
        assertThat(detector.isPersonKey("USER_NAME")).isTrue();
        assertThat(detector.isPersonKey("ownerIPAddress")).isTrue();
        assertThat(detector.isPersonKey("id_card")).isTrue();
        assertThat(detector.isPersonKey("shouji")).isTrue();
        assertThat(detector.isPersonKey("用户名")).isTrue();
        assertThat(detector.isPersonKey("家庭地址")).isTrue();
        assertThat(detector.isPersonKey("mac2")).isTrue();
        assertThat(detector.isPersonKey("brightness")).isFalse();
        assertThat(detector.isPersonKey("hostname")).isFalse();
        assertThat(detector.isPersonKey("lock_state")).isFalse();
        assertThat(detector.isPersonKey("telemetry")).isFalse();
    }

    @Test
    void findsAPhoneNumberInsideFreeText() {
        assertThat(categories("note", Value.of("call 13812345678 after 6pm"))).containsExactly(PiiCategory.PHONE);
        List<TextMatch> m = detector.scanText("call 13812345678 after 6pm");
        assertThat(m).containsExactly(new TextMatch(PiiCategory.PHONE, 5, 16));
    }

    @Test
    void aFirmwareVersionUnderAVersionKeyIsNotAnAddress() {
        assertThat(categories("fw_ver", Value.of("1.4.2.8"))).isEmpty();
        assertThat(categories("note", Value.of("1.4.2.8"))).containsExactly(PiiCategory.IPV4);
        assertThat(categories("note", Value.of("upgraded to firmware 1.4.2.8"))).isEmpty();
        assertThat(categories("note", Value.of("server 10.0.0.5 is down"))).containsExactly(PiiCategory.IPV4);
    }

    @Test
    void walksStructsAndArraysAndReportsWhereItFoundSomething() {
        Value nested = new Value.Struct(Map.of("cfg", new Value.Struct(Map.of(
                "peers", new Value.Array(List.of(Value.of("ok"), Value.of("mail wang@example.com")))))));
        assertThat(detector.scan("extra", nested)).containsExactly(new Finding(PiiCategory.EMAIL, "extra.cfg.peers[1]"));
        assertThat(detector.containsPersonal("extra", nested)).isTrue();
    }

    @Test
    void numbersAreCheckedForPhonesAndCardsButTimestampsAreNot() {
        assertThat(categories("v", Value.of(13812345678L))).containsExactly(PiiCategory.PHONE);
        assertThat(categories("v", Value.of(4111111111111111L))).containsExactly(PiiCategory.BANK_CARD);
        assertThat(categories("ts", Value.of(1717000000000L))).isEmpty();
        assertThat(categories("v", Value.of(1717000000123456L))).isEmpty();
    }

    @Test
    void residentIdNeedsAValidChecksumAndBirthDate() {
        assertThat(categories("v", Value.of("11010519491231002X"))).contains(PiiCategory.CN_RESIDENT_ID);
        assertThat(categories("v", Value.of("110105194912310021"))).doesNotContain(PiiCategory.CN_RESIDENT_ID);
        assertThat(Checksums.residentId("11010519490231002" + Checksums.residentIdCheck("11010519490231002"))).isFalse();
    }

    @Test
    void bareHexIsAMacUnderAMacKeyButNotUnderAChecksumKey() {
        assertThat(categories("mac", Value.of("a4c1382f9e01"))).contains(PiiCategory.MAC);
        assertThat(categories("crc", Value.of("a4c1382f9e01"))).isEmpty();
        assertThat(categories("bssid", Value.of("a4:c1:38:2f:9e:01"))).contains(PiiCategory.WIFI, PiiCategory.MAC);
    }

    @Test
    void coordinatesInTextAndNumbersUnderLocationKeys() {
        assertThat(categories("note", Value.of("at 31.2304,121.4737 now"))).containsExactly(PiiCategory.COORDINATES);
        assertThat(categories("lat", Value.of(31.2304))).contains(PiiCategory.COORDINATES);
        assertThat(categories("temperature", Value.of(31.2304))).isEmpty();
        assertThat(categories("readings", Value.of("23.5,45.2"))).isEmpty();
    }

    @Test
    void compressedIpv6IsAnAddressButCodeReferencesAreNot() {
        assertThat(categories("v", Value.of("peer fe80::1ff:fe23:4567:890a up"))).containsExactly(PiiCategory.IPV6);
        assertThat(categories("v", Value.of("2001:db8::1"))).containsExactly(PiiCategory.IPV6);
        assertThat(categories("v", Value.of("see String::valueOf at 12:30:45"))).isEmpty();
    }

    @Test
    void personalDataUsedAsAKeyIsFound() {
        assertThat(detector.keyContainsPersonal("13812345678")).isTrue();
        assertThat(detector.keyContainsPersonal("2.1")).isFalse();
    }

    @Test
    void coordinatePairsAndXyObjectsAreFoundByTheirValuesUnderAnyKey() {
        assertThat(categories("position", new Value.Array(List.of(Value.of(116.203428), Value.of(24.390718)))))
                .containsExactly(PiiCategory.COORDINATES);
        assertThat(categories("val", new Value.Array(List.of(Value.of(48.856613), Value.of(2.352222), Value.of(35)))))
                .containsExactly(PiiCategory.COORDINATES);
        assertThat(categories("val", new Value.Array(List.of(Value.of("-33.868820"), Value.of("151.209290")))))
                .containsExactly(PiiCategory.COORDINATES);
        assertThat(categories("path", new Value.Array(List.of(new Value.Array(List.of(Value.of(0), Value.of(1))),
                new Value.Array(List.of(Value.of(121.4737), Value.of(31.2304)))))))
                .containsExactly(PiiCategory.COORDINATES);
        assertThat(categories("p", new Value.Struct(Map.of("x", Value.of(121.473701), "y", Value.of(31.230416)))))
                .containsExactly(PiiCategory.COORDINATES);
        assertThat(categories("note", Value.of("POINT(116.203428 24.390718)"))).containsExactly(PiiCategory.COORDINATES);
    }

    @Test
    void harmlessNumericPairsAreNotCoordinates() {
        List<List<Value>> harmless = List.of(
                List.of(Value.of(3), Value.of(4)), List.of(Value.of(100), Value.of(50)), List.of(Value.of(0), Value.of(100)),
                List.of(Value.of(255), Value.of(128), Value.of(0)), List.of(Value.of(21.5), Value.of(22.3)),
                List.of(Value.of(45.25), Value.of(60.75)), List.of(Value.of(0.1234), Value.of(0.5678)),
                List.of(Value.of(1700000000L), Value.of(1700003600L)), List.of(Value.of(12.0), Value.of(34.0)),
                List.of(Value.of(116.2), Value.of(24.39)), List.of(Value.of(250.123456), Value.of(24.390718)));
        for (List<Value> pair : harmless) {
            assertThat(categories("range", new Value.Array(pair))).as("%s", pair).isEmpty();
        }
        assertThat(categories("p", new Value.Struct(Map.of("x", Value.of(3), "y", Value.of(4))))).isEmpty();
        assertThat(categories("note", Value.of("readings 23.5 45.2 61.0"))).isEmpty();
    }

    @Test
    void streetAddressesAreFoundByTheirShapeInChineseAndWesternForms() {
        for (String a : List.of("北京市海淀区学院路37号1号楼1965室", "中关村大街615号", "广州市天河区中山大道723号",
                "147 Elm Street, Springfield", "Elm Street 167", "Nathan Road 174, Tsim Sha Tsui", "187 Via Roma, 00184 Roma",
                "43 Hauptstraße, 10115 Berlin", "Springfield, IL 62701")) {
            assertThat(categories("v", Value.of(a))).as(a).containsExactly(PiiCategory.ADDRESS);
        }
        for (String harmless : List.of("通道2", "模式3", "Zone 2 Street lamp", "Mode 3", "客厅灯", "E1042: motor stall",
                "07:00-22:30 weekdays", "Living Room 2")) {
            assertThat(categories("v", Value.of(harmless))).as(harmless).isEmpty();
        }
    }

    @Test
    void operatorsHoldersAndOpenIdsAreAboutAPersonAndBindKeysAreSecrets() {
        assertThat(detector.isPersonKey("operator_id")).isTrue();
        assertThat(detector.isPersonKey("openid")).isTrue();
        assertThat(detector.isPersonKey("holder")).isTrue();
        assertThat(detector.isPersonKey("members")).isTrue();
        assertThat(categories("bind_key", Value.of("x"))).contains(PiiCategory.SECRET);
        assertThat(categories("v", Value.of("QasN5iTh7l8q8Qiizvl2vA=="))).containsExactly(PiiCategory.SECRET);
    }

    @Test
    void longHexUnderADigestKeyIsAChecksumNotASecret() {
        String sha256 = "b42de4d958e4c1ce1e0e59988a8d23d5392a599e120fd3207cf47dc5f9625145";
        assertThat(categories("ota_sha256", Value.of(sha256))).isEmpty();
        assertThat(categories("build_id", Value.of("d4eefaf694a64cb16e1c55f23835bbb7863fee03"))).isEmpty();
        assertThat(categories("blob", Value.of(sha256))).containsExactly(PiiCategory.SECRET);
    }

    @Test
    void anIpv6AddressMissingAGroupIsStillAnAddress() {
        assertThat(categories("v", Value.of("240e:3b4:d50e:c100:56c8:ca23:91c8"))).containsExactly(PiiCategory.IPV6);
        assertThat(categories("v", Value.of("12:30:45"))).isEmpty();
    }

    @Test
    void jsonInsideAStringIsReadWithItsKeys() {
        assertThat(categories("miIO.info", Value.of("{\"uid\": 1480533933, \"life\": 5530}"))).containsExactly(PiiCategory.PERSON_KEY);
        assertThat(categories("raw", Value.of("[116.203428, 24.390718]"))).containsExactly(PiiCategory.COORDINATES);
        assertThat(categories("raw", Value.of("{\"life\": 5530, \"mode\": \"eco\"}"))).isEmpty();
        assertThat(categories("raw", Value.of("{not json"))).isEmpty();
    }

    @Test
    void nationalPhoneFormatsWithoutACountryCodeAreFound() {
        for (String p : List.of("(021) 6234 5678", "021 6234 5678", "(415) 555-0134", "415-555-0134", "020 7946 0958",
                "030 12345678", "03-1234-5678", "01 23 45 67 89")) {
            assertThat(categories("v", Value.of(p))).as(p).containsExactly(PiiCategory.PHONE);
        }
        for (String harmless : List.of("2026-12-03", "1700000000 1700003600", "100 200 300 400", "2700 6500")) {
            assertThat(categories("v", Value.of(harmless))).as(harmless).isEmpty();
        }
    }

    @Test
    void anAccountNumberIsAUserIdAfterAWordThatSaysWhoseOrAsAStringUnderANeutralKey() {
        assertThat(categories("note", Value.of("unlocked by user 2587653113 at 07:45"))).containsExactly(PiiCategory.USER_ID);
        assertThat(categories("note", Value.of("用户1480533933开锁"))).containsExactly(PiiCategory.USER_ID);
        assertThat(categories("note", Value.of("user ID: 894283621"))).containsExactly(PiiCategory.USER_ID);
        assertThat(categories("field_7_11", Value.of("2266624693"))).containsExactly(PiiCategory.USER_ID);
        assertThat(categories("opened_by", Value.of(2587653113L))).containsExactly(PiiCategory.USER_ID);
        // a device's own numbers, colours, counters, dates and times stay
        assertThat(categories("did", Value.of("1034567890"))).isEmpty();
        assertThat(categories("rgb", Value.of("16711680"))).isEmpty();
        assertThat(categories("msg_seq", Value.of("1515328861"))).isEmpty();
        assertThat(categories("life", Value.of(953811060L))).isEmpty();
        assertThat(categories("v", Value.of("20261203"))).isEmpty();
        assertThat(categories("note", Value.of("updated at 1717000000 by button 2"))).isEmpty();
        assertThat(categories("note", Value.of("device 363298756 rebooted"))).isEmpty();
    }

    @Test
    void prefixedIdsAndWeChatOpenIdsAreUserIdsButCamelCaseNamesAreNot() {
        for (String id : List.of("u_9c976f020d07", "ou_xrxR9SGsgj2e5C6XYECm", "ou_jgWhoJioMPxGAwKcZsCr", "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o")) {
            assertThat(categories("v", Value.of(id))).as(id).containsExactly(PiiCategory.USER_ID);
        }
        for (String harmless : List.of("u_mode", "user_scene", "AutoCleanModeForKitchen", "MiSmartPlugWiFi3", "SensorV2Pro2024")) {
            assertThat(categories("v", Value.of(harmless))).as(harmless).isEmpty();
        }
    }

    @Test
    void shortHexKeysJwtsAndRandomTokensAreSecretsButBinaryDumpsAreNot() {
        assertThat(categories("v", Value.of("3691bc0679eef9596bb63abf"))).containsExactly(PiiCategory.SECRET);
        assertThat(categories("v", Value.of("Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dozjgNryP4J3jVmNHl0w5N"))).contains(PiiCategory.SECRET);
        assertThat(categories("v", Value.of("xK9vQ2mLp7Rt4Wz8Yb3N"))).containsExactly(PiiCategory.SECRET);
        assertThat(categories("v", Value.of("00000000000000000000000000000000"))).containsExactly(PiiCategory.SECRET);
        for (String dump : List.of("0202000000000000000000000000000000000003", "0000 006C 0022 0002 015B 00AD 0016 0041 0016 0016",
                "FE04870000714594701FFF79FF06004227480025002D008500AC015A138843010201020102010201010102010202010201",
                "Z6VPAAUCAABgAgAAxQYAAOUIAACUEQAAqyIAADSeAABwdQEAAAAAAAAAAAAAAAAAAAAAAAAA")) {
            assertThat(categories("v", Value.of(dump))).as(dump).isEmpty();
        }
    }

    @Test
    void phonesInMoreShapesAreFound() {
        assertThat(categories("v", Value.of(8613812345678L))).contains(PiiCategory.PHONE);
        for (String p : List.of("138.1234.5678", "013812345678", "１３８１２３４５６７８", "to=%2B8613912345678", "0044 20 7946 0958",
                "001-415-555-0134", "415.555.0134", "415 555 0134", "01.23.45.67.89", "030/12345678", "(010) 0132 5306")) {
            assertThat(categories("v", Value.of(p))).as(p).isNotEmpty().containsOnly(PiiCategory.PHONE);
        }
        for (String harmless : List.of("1.4.3_0017", "0016 0041 0016 0016", "12.5 13.1 14.2", "2024.05.01")) {
            assertThat(categories("v", Value.of(harmless))).as(harmless).isEmpty();
        }
    }

    @Test
    void aValueThatTextLabelsPersonalOrSecretIsFoundInAFieldButNotInALogLine() {
        assertThat(categories("note", Value.of("wifi password: Hunter2!"))).containsExactly(PiiCategory.SECRET);
        assertThat(categories("note", Value.of("installed for name=LiWei"))).containsExactly(PiiCategory.PERSON_KEY);
        assertThat(categories("note", Value.of("联系人：王芳"))).containsExactly(PiiCategory.PERSON_KEY);
        assertThat(categories("note", Value.of("mode: auto, see https://api.example.com/v1 at 12:30"))).isEmpty();
        assertThat(detector.scanText("connect user=bob")).isEmpty();
    }

    @Test
    void twelveBareHexDigitsAreAMacUnderANeutralKeyWhenLettersAndDigitsMix() {
        assertThat(categories("field_7", Value.of("34CE00ECCABF"))).containsExactly(PiiCategory.MAC);
        assertThat(categories("field_7", Value.of("123456789012"))).isEmpty();
        assertThat(categories("crc", Value.of("34ce00eccabf"))).isEmpty();
    }

    @Test
    void aNetmaskIsNobodysAddress() {
        assertThat(categories("v", Value.of("255.255.255.0"))).isEmpty();
        assertThat(categories("v", Value.of("192.168.31.237"))).containsExactly(PiiCategory.IPV4);
    }

    @Test
    void routersDefaultNamesAndNamesPeopleGiveTheirNetworksAreWifiNamesUnderAnyKey() {
        for (String ssid : List.of("TP-LINK_5G_A1B2", "ChinaNet-x7Kp", "CMCC-3fa9", "FRITZ!Box 7590 QX", "王家的WiFi",
                "Sophie's Network", "iPhone de Omar")) {
            assertThat(categories("val", Value.of(ssid))).as(ssid).containsExactly(PiiCategory.WIFI);
        }
        for (String harmless : List.of("Fast Mode", "custom", "Xiaomi Smart Plug", "fast", "zhimi.fan.sa1")) {
            assertThat(categories("val", Value.of(harmless))).as(harmless).isEmpty();
        }
        assertThat(categories("val", Value.of("QasN5iTh7l8q+Qiizvl2vA"))).containsExactly(PiiCategory.SECRET);
    }
}
