#!/usr/bin/env python3
"""Writes corpus.tsv: the labelled detector corpus (category-or-NONE, key, value).

Deterministic (seeded). Values are text unless prefixed: "num:" is a JSON number, "json:" a JSON
object or array. Re-run with: python3 make_corpus.py > corpus.tsv
"""
import random

r = random.Random(20240501)
rows = []

def add(cat, key, value):
    assert '\t' not in value and '\n' not in value
    rows.append((cat, key, value))

NEUTRAL = ["value", "note", "msg", "data", "info", "payload", "remark", "desc", "extra", "field_7", "status_text",
           "log", "comment", "detail", "text", "memo", "result", "raw"]
def nk():
    return r.choice(NEUTRAL)

def digits(n):
    return "".join(r.choice("0123456789") for _ in range(n))

# ---- PHONE
def cn_mobile():
    return "1" + r.choice("3456789") + digits(9)
for i in range(48):
    m = cn_mobile()
    form = i % 16
    v = [m, f"{m[:3]} {m[3:7]} {m[7:]}", f"{m[:3]}-{m[3:7]}-{m[7:]}", f"+86 {m}", f"+86{m}", f"0086 {m[:3]} {m[3:7]} {m[7:]}",
         f"0086-{m}", f"(+86) {m}", f"call {m} after 6pm", f"联系电话：{m}", f"手机号:{m},谢谢", f"tel:+86{m}",
         f"+1 415 555 {digits(4)}", f"+44 20 7946 {digits(4)}", f"010-6{digits(7)}", f"0{r.choice('23457')}{digits(1)}-8{digits(7)}"][form]
    add("PHONE", nk(), v)
add("PHONE", "extra", "num:13812345678")
add("PHONE", "extra", "num:18600001111")
add("PHONE", "note", "+49 30 123456789")
add("PHONE", "note", "+81 3-1234-5678")
add("PHONE", "note", "emergency contact +33 1 23 45 67 89")

# ---- EMAIL
users = ["zhang.san", "lily", "wei_li+iot", "wangwu88", "j.smith", "alice", "chen-hao", "xiaoming2008", "a.b.c", "k"]
domains = ["example.com", "qq.com", "163.com", "gmail.com", "hearth.dev", "mail.example.org", "sina.com.cn", "126.com"]
for i in range(44):
    e = r.choice(users) + str(r.randint(0, 99) if i % 3 == 0 else "") + "@" + r.choice(domains)
    form = i % 5
    v = [e, f"contact me: {e}", f"<{e}>", f"邮箱 {e} 已绑定", f"owner={e};"][form]
    add("EMAIL", nk(), v)

# ---- IPV4
def ipv4():
    return r.choice([f"192.168.{r.randint(0,255)}.{r.randint(1,254)}", f"10.{r.randint(0,255)}.{r.randint(0,255)}.{r.randint(1,254)}",
                     f"172.{r.randint(16,31)}.{r.randint(0,255)}.{r.randint(1,254)}", f"{r.randint(1,223)}.{r.randint(0,255)}.{r.randint(0,255)}.{r.randint(1,254)}"])
for i in range(44):
    ip = ipv4()
    form = i % 6
    v = [ip, f"connected from {ip}:8080", f"peer={ip}", f"gateway {ip} unreachable", f"server {ip}", f"[{ip}]"][form]
    add("IPV4", nk(), v)

# ---- IPV6
v6 = ["2001:db8::1", "fe80::1ff:fe23:4567:890a", "2001:0db8:85a3:0000:0000:8a2e:0370:7334", "::ffff:192.0.2.128",
      "2408:8207:1850:8f0::1b", "fe80::1%eth0", "2409:8a1e:6b10:2c80:5d2:7fa1:c3e:11", "2001:db8:0:0:1:0:0:1",
      "240e:3b7:3272:d8d0:db09:c067:8d59:539e", "fd00::a1b2"]
for i in range(44):
    a = r.choice(v6) if i < 20 else "2001:db8:%x:%x::%x" % (r.randint(0, 65535), r.randint(0, 65535), r.randint(1, 65535))
    form = i % 4
    v = [a, f"addr {a} up", f"[{a}]:443" if "%" not in a else a, f"client={a}"][form]
    add("IPV6", nk(), v)

# ---- MAC
def mac(sep=":", upper=False):
    b = [r.randint(0, 255) for _ in range(6)]
    s = sep.join("%02x" % x for x in b)
    return s.upper() if upper else s
for i in range(44):
    form = i % 8
    if form == 0: add("MAC", nk(), mac())
    elif form == 1: add("MAC", nk(), mac("-", True))
    elif form == 2:
        h = mac("")
        add("MAC", nk(), f"{h[:4]}.{h[4:8]}.{h[8:]}")
    elif form == 3: add("MAC", r.choice(["mac", "mac_addr", "wifiMac", "macAddress", "eth_mac", "hwaddr"]), mac(""))
    elif form == 4: add("MAC", nk(), f"dev mac={mac()}")
    elif form == 5: add("MAC", nk(), f"station {mac(':', True)} joined")
    elif form == 6: add("MAC", r.choice(["MAC", "mac2"]), mac("", True))
    else: add("MAC", nk(), f"设备MAC地址 {mac('-')}")

# ---- CN_RESIDENT_ID
W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
C = "10X98765432"
def resident_id(want_x=False):
    while True:
        area = r.choice(["110105", "310104", "440305", "510107", "330106", "420102", "120101", "320102"])
        y = r.randint(1940, 2015); m = r.randint(1, 12); d = r.randint(1, 28)
        body = f"{area}{y:04d}{m:02d}{d:02d}{digits(3)}"
        c = C[sum(int(body[i]) * W[i] for i in range(17)) % 11]
        if want_x == (c == "X"):
            return body + c
for i in range(44):
    idn = resident_id(i % 5 == 0)
    form = i % 4
    v = [idn, f"身份证号 {idn}", f"ID:{idn}", idn.lower() if idn.endswith("X") else f"id {idn} verified"][form]
    add("CN_RESIDENT_ID", nk(), v)

# ---- BANK_CARD
def luhn_complete(prefix, length):
    body = prefix + digits(length - len(prefix) - 1)
    for c in "0123456789":
        n = body + c
        s = 0
        for i, ch in enumerate(reversed(n)):
            d = int(ch)
            if i % 2 == 1:
                d *= 2
                if d > 9: d -= 9
            s += d
        if s % 10 == 0:
            return n
for i in range(44):
    prefix, length = r.choice([("622202", 19), ("621700", 19), ("622848", 19), ("4", 16), ("51", 16), ("6225", 16),
                               ("37", 15), ("3528", 16), ("62", 16), ("4", 13), ("2221", 16)])
    c = luhn_complete(prefix, length)
    form = i % 5
    grouped = " ".join(c[j:j + 4] for j in range(0, len(c), 4))
    v = [c, grouped, "-".join(c[j:j + 4] for j in range(0, len(c), 4)), f"card {grouped} expires 12/27", f"银行卡号：{c}"][form]
    add("BANK_CARD", nk(), v)
add("BANK_CARD", "extra", "num:" + luhn_complete("6222", 16))

# ---- COORDINATES
def coord():
    return round(r.uniform(18, 53), r.randint(4, 6)), round(r.uniform(73, 135), r.randint(4, 6))
for i in range(44):
    lat, lng = coord()
    form = i % 8
    if form == 0: add("COORDINATES", nk(), f"{lat},{lng}")
    elif form == 1: add("COORDINATES", nk(), f"{lat}, {lng}")
    elif form == 2: add("COORDINATES", nk(), f"lng,lat {lng},{lat}")
    elif form == 3: add("COORDINATES", nk(), f"位置: {lat},{lng}")
    elif form == 4: add("COORDINATES", r.choice(["lat", "latitude", "gps_lat", "geoLat"]), f"num:{lat}")
    elif form == 5: add("COORDINATES", r.choice(["lng", "lon", "longitude", "gpsLng"]), f"num:{lng}")
    elif form == 6: add("COORDINATES", r.choice(["location", "gps", "position_geo", "loc"]), f'json:{{"lat": {lat}, "lng": {lng}}}')
    else: add("COORDINATES", r.choice(["location", "coords"]), f"json:[{lng}, {lat}]")

# ---- WIFI
ssids = ["MyHome-5G", "TP-LINK_8F2A", "ChinaNet-abc1", "Xiaomi_1A2B", "CMCC-7788", "HUAWEI-AX3", "家里的WiFi", "Wang's Network",
         "HONOR-5G", "office-guest"]
for i in range(44):
    form = i % 6
    if form == 0: add("WIFI", "ssid", r.choice(ssids))
    elif form == 1: add("WIFI", "bssid", mac())
    elif form == 2: add("WIFI", r.choice(["wifi_ssid", "wifiSsid", "WIFI_SSID"]), r.choice(ssids))
    elif form == 3: add("WIFI", r.choice(["wifiName", "wifi_name", "ap_ssid"]), r.choice(ssids))
    elif form == 4: add("WIFI", r.choice(["ap_bssid", "BSSID", "essid"]), r.choice([mac(), r.choice(ssids)]))
    else: add("WIFI", "net", f'json:{{"ssid": "{r.choice(ssids)}", "rssi": -{r.randint(30, 90)}}}')

# ---- PERSON_KEY
pkeys = ["username", "userName", "owner", "nickname", "real_name", "phone", "mobileNo", "email", "address", "home_addr",
         "location", "avatar_url", "birthday", "id_card", "idCard", "xingming", "shouji", "dianhua", "dizhi", "yonghu_id",
         "zhanghao", "nicheng", "weizhi", "姓名", "手机号", "联系电话", "家庭地址", "用户ID", "账号", "昵称", "位置", "头像",
         "身份证号", "USER_ID", "ownerName", "account", "contact_person", "lock_user", "FullName", "e_mail", "tel", "ip_addr",
         "last_login_ip", "uid"]
vals = ["Alice", "小明", "abc", "u1234", "true", "num:7", "张伟", "https://cdn.example.com/a.png", "guest", "x"]
for k in pkeys:
    add("PERSON_KEY", k, r.choice(vals))

# ---- SECRET: secret-shaped values and secret-ish keys (a 32-hex trace id is indistinguishable from a miIO token)
import base64
for i in range(30):
    form = i % 6
    tok = "%032x" % r.getrandbits(128)
    if form == 0: add("SECRET", nk(), tok)
    elif form == 1: add("SECRET", nk(), f"handshake token {tok.upper()} accepted")
    elif form == 2: add("SECRET", nk(), base64.b64encode(r.getrandbits(256).to_bytes(32, "big")).decode())
    elif form == 3: add("SECRET", r.choice(["token", "miio_token", "wifi_password", "passwd", "psk", "api_key", "apiKey", "secret"]), r.choice(["hunter2", "abc", "num:1234"]))
    elif form == 4: add("SECRET", r.choice(["WiFi密码", "密钥", "mima"]), "12345678")
    else: add("SECRET", nk(), "%064x" % r.getrandbits(256))

# ---- NONE: look-alikes
none = [
    ("fw_ver", "1.4.2.8"), ("firmware", "2.1.0.12"), ("version", "1.0.3.7"), ("sw_build", "4.2.0.1"), ("hwVer", "1.2.3.4"),
    ("fwVersion", "3.5.10.2"), ("build", "10.0.19045.3803"), ("ver", "192.168.1.1"), ("firmware_version", "1.4.2.8_0012"),
    ("message", "upgraded to v1.4.2.8"), ("message", "firmware 2.0.1.5 installed"), ("ota", "fw_ver=1.4.2.9 ok"),
    ("serial", "SN: 2KX8-90HJ-11"), ("serial_no", "A1B2C3D4E5"), ("sn", "MJ20231105A0012"), ("sn", "SN 8623 5510 0021"),
    ("model", "zhimi.fan.sa1"), ("model", "yeelink.light.color1"), ("model", "lumi.sensor_magnet.v2"), ("model", "chuangmi.plug.m1"),
    ("model", "hearth.light.lamp1"), ("model", "xiaomi.aircondition.mc5"),
    ("ts", "num:1717000000000"), ("updated_at", "2024-05-01T10:15:30+08:00"), ("since", "num:1717000000"),
    ("time", "2024-05-01T02:15:30Z"), ("date", "2024-05-01"), ("date", "2023/12/31"), ("date", "01.05.2024"),
    ("color", "#ff8800"), ("rgb", "#00FF7F"), ("color", "num:16744448"), ("battery", "85%"), ("humidity", "12.5 %"),
    ("uuid", "3f2b8c1e-9a7d-4e2b-8c3f-1d2e3f4a5b6c"), ("request", "7d9f4c2a-1b3e-4f5a-9c8d-0e1f2a3b4c5d"),
    ("power", "num:0"), ("on", "num:1"), ("level", "num:42"), ("brightness", "num:255"), ("brightness", "num:100"),
    ("did", "1034567890"), ("device_id", "dev-0042"), ("device", "lumi.158d0001a2b3c4"), ("did", "num:123456789"),
    ("flags", "0x1f"), ("crc", "a3f9"), ("magic", "deadbeef"), ("temperature", "23.5"), ("temp", "-4.2"), ("mode", "auto"),
    ("mode", "sleep"), ("mode", "cool"), ("count", "1,234,567"), ("clock", "12:30"), ("clock", "12:30:45"),
    ("duration", "PT15M"), ("load", "1500W"), ("readings", "23.5,45.2"), ("rssi", "-67"), ("rssi", "num:-67"),
    ("energy", "12345.678 kWh"), ("energy_total", "num:9876543"), ("status", "客厅灯已打开"), ("note", "温度 23.5℃"),
    ("brightness", "num:80"), ("colorTemperature", "num:4000"), ("namespace", "miot"), ("filename", "log_2024.txt"),
    ("hostname", "gateway-livingroom"), ("scene", "回家模式"), ("error", "E1042: motor stall"), ("uptime", "num:864000"),
    ("pm25", "num:12"), ("co2", "num:650"), ("voltage", "220.5"), ("current", "0.35"), ("fan_level", "num:3"),
    ("target_temp", "num:26.5"), ("angle", "num:120"), ("filter_life", "num:97"), ("child_lock", "false"),
    ("schedule", "07:00-22:30"), ("weekdays", "1,2,3,4,5"), ("range", "16-30"), ("ratio", "3:2"), ("aspect", "16:9"),
    ("hash", "e3b0c442"), ("etag", "W/\"5e8f-1a2b\""), ("checksum", "num:4294967295"), ("offset", "+08:00"),
    ("tz", "Asia/Shanghai"), ("lang", "zh-CN"), ("unit", "celsius"), ("region", "cn"), ("url", "https://api.example.com/v1/status"),
    ("path", "/dev/ttyUSB0"), ("protocol", "miot"), ("codec", "h264"), ("resolution", "1920x1080"), ("fps", "num:30"),
    ("bitrate", "num:2048000"), ("storage", "32GB"), ("free_mem", "num:52428800"), ("score", "98.6"), ("progress", "45%"),
    ("step", "num:0.5"), ("cct", "2700K"), ("ip_rating", "IP65"), ("version_code", "num:1042"), ("api", "v2"),
    ("sensor", "pir-01"), ("zone", "zone-3"), ("alarm", "none"), ("event", "2.1"), ("prop", "3.7"), ("key_code", "num:13"),
    ("tags", "json:[\"living\", \"lamp\"]"), ("state", "json:{\"on\": true, \"bri\": 80}"), ("cfg", "json:{\"mode\": \"auto\", \"speed\": 2}"),
    ("matrix", "json:[[1, 2], [3, 4]]"), ("history", "json:[21.5, 21.7, 22.0]"), ("pos", "json:{\"x\": 10, \"y\": 20}"),
    ("position", "num:50"), ("curtain_position", "num:100"), ("long_press", "true"), ("lock_state", "locked"),
    ("door", "closed"), ("motion", "detected"), ("illumination", "num:350"), ("water_leak", "false"),
    ("counter", "num:1717000000123"), ("epoch_us", "num:1717000000123456"),
    ("span", "b7ad6b7169203331"), ("nonce", "num:987654"), ("seq", "num:65535"), ("ttl", "num:3600"),
    ("price", "12.50"), ("percent", "99.9%"), ("phase", "A"), ("channel", "num:6"), ("band", "5GHz"), ("tx_power", "20dBm"),
    ("noise", "-95dBm"), ("pressure", "1013.25 hPa"), ("altitude", "num:45.2"), ("heading", "num:270"),
    ("ota_url", "https://ota.example.com/fw/1.4.2.8.bin"), ("release_notes", "fixes for 2.0.1; version 2.0.1.3"),
    ("isbn", "978-7-111-54742-6"), ("order", "20240501123045"), ("batch", "B2024-0501-07"), ("lot", "LOT#77812"),
    ("code", "ERR_TIMEOUT"), ("reason", "no reply to 3 pings"), ("msg", "door opened at 07:45"), ("msg", "温度过高，请检查"),
    ("msg", "filter needs replacing in 12 days"), ("msg", "heating to 26.5C"), ("msg", "scene 4 triggered by button 2"),
    ("points", "num:1234567890"), ("stats", "json:{\"clicks\": 42, \"sessions\": 7}"), ("ids", "json:[1, 2, 3, 4]"),
    ("dimension", "120x80x45 mm"), ("weight", "1.25kg"), ("rgb_list", "255,136,0"), ("hsv", "30,100,100"),
    ("gamma", "2.2"), ("matrix_id", "m-7f3a"), ("slot", "num:2"), ("ch", "CH-1"), ("frame", "0x7e 0x01 0x02 0x7e"),
]
for k, v in none:
    add("NONE", k, v)
# a spread of more look-alikes: versions, small numbers, short hex, dates, times, durations
for i in range(60):
    form = i % 10
    if form == 0: add("NONE", r.choice(["fw", "firmware", "version", "sw_ver", "fw_version"]), ".".join(str(r.randint(0, 20)) for _ in range(4)))
    elif form == 1: add("NONE", r.choice(["level", "speed", "mode_id", "count"]), f"num:{r.randint(0, 10000)}")
    elif form == 2: add("NONE", r.choice(["color", "rgb"]), "#%06x" % r.randint(0, 0xffffff))
    elif form == 3: add("NONE", r.choice(["date", "day"]), f"20{r.randint(10, 29)}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}")
    elif form == 4: add("NONE", r.choice(["ts", "time_ms", "updated"]), f"num:{r.randint(1600000000000, 1800000000000)}")
    elif form == 5: add("NONE", r.choice(["temp", "humidity", "voltage"]), f"{r.uniform(-20, 100):.1f}")
    elif form == 6: add("NONE", r.choice(["uuid", "session"]), "%08x-%04x-4%03x-%04x-%012x" % (r.getrandbits(32), r.getrandbits(16), r.getrandbits(12), r.getrandbits(16), r.getrandbits(48)))
    elif form == 7: add("NONE", r.choice(["crc", "flags", "mask"]), "%x" % r.getrandbits(r.choice([8, 16, 24, 32])))
    elif form == 8: add("NONE", r.choice(["time", "clock"]), f"{r.randint(0, 23):02d}:{r.randint(0, 59):02d}:{r.randint(0, 59):02d}")
    else: add("NONE", r.choice(["model", "device_model"]), r.choice(["zhimi", "lumi", "yeelink", "chuangmi", "dmaker"]) + "." + r.choice(["fan", "light", "plug", "sensor_ht"]) + "." + r.choice(["v1", "v2", "sa1", "p5", "m1"]))

print("# category-or-NONE\tkey\tvalue  (value: text; \"num:\" a JSON number; \"json:\" a JSON object or array)")
for c, k, v in rows:
    print(f"{c}\t{k}\t{v}")
