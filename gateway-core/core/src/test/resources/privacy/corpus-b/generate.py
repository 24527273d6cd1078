#!/usr/bin/python3
"""Corpus B: a labelled corpus of device records for `hearth redact`, written without reading the detector.

Each record is one JSON line in the format `hearth redact` reads ({"device","model","ts","props"} or
{"device","model","ts","event","args"}); beside it, a labels line names every planted personal value
(JSON Pointer, category, where: declared property or unknown field, and the needles whose absence
proves it was removed) and every labelled harmless value (pointer, kind, value).

Standard library only; seeded and reproducible:
    /usr/bin/python3 generate.py            # writes dev.* (seed 20261203) and heldout.* (seed 70331)
    /usr/bin/python3 generate.py --split NAME --seed N [--count 490]   # another split of the same templates
"""
import json
import os
import random
import string
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SPLITS = {"dev": (20261203, 210), "heldout": (70331, 490)}


# ---------------------------------------------------------------- checksums (own implementations)

def luhn_check_digit(payload):
    """The digit that makes payload+digit pass the Luhn test."""
    total = 0
    for i, ch in enumerate(reversed(payload)):
        d = int(ch)
        if i % 2 == 0:  # doubled: these become the odd positions once the check digit is appended
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def luhn_valid(number):
    digits = [int(c) for c in number]
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


GB11643_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
GB11643_CODES = "10X98765432"


def id_check_char(first17):
    """GB 11643-1999 check character of an 18-character resident identity number."""
    s = sum(int(c) * w for c, w in zip(first17, GB11643_WEIGHTS))
    return GB11643_CODES[s % 11]


def id_valid(number):
    return len(number) == 18 and number[:17].isdigit() and id_check_char(number[:17]) == number[17].upper()


# ---------------------------------------------------------------- labelled leaves

class P:
    """A planted personal value."""
    def __init__(self, category, value, needles=None):
        self.category, self.value = category, value
        self.needles = needles if needles is not None else needles_of(value)


class H:
    """A harmless value that must survive."""
    def __init__(self, kind, value):
        self.kind, self.value = kind, value


class S:
    """A structure sent as a JSON string (JSON-in-a-string); planted values inside stay labelled."""
    def __init__(self, inner):
        self.inner = inner


def num_text(x):
    if isinstance(x, bool):
        return "true" if x else "false"
    return json.dumps(x)


def needles_of(value):
    if isinstance(value, str):
        return [value]
    if isinstance(value, (int, float)):
        return [num_text(value)]
    if isinstance(value, list):
        return [n for v in value for n in needles_of(v)]
    if isinstance(value, dict):
        return [n for v in value.values() for n in needles_of(v)]
    raise TypeError(value)


def pointer(parts):
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def materialise(node, path, planted, harmless, where, inside_string=False):
    """Plain JSON for node; collects labels. Inside a JSON string, planted values are labelled at the
    string's path and harmless ones are not labelled (a detector may drop the whole string)."""
    if isinstance(node, P):
        planted.append({"path": pointer(path), "category": node.category, "where": where,
                        "shape": shape_of(node.value) if not inside_string else "json-in-string",
                        "needles": node.needles})
        return node.value
    if isinstance(node, H):
        if not inside_string:
            harmless.append({"path": pointer(path), "kind": node.kind, "value": node.value})
        return node.value
    if isinstance(node, S):
        inner = materialise(node.inner, path, planted, harmless, where, True)
        return json.dumps(inner, ensure_ascii=False, separators=(",", ":"))
    if isinstance(node, dict):
        return {k: materialise(v, path if inside_string else path + [k], planted, harmless, where, inside_string)
                for k, v in node.items()}
    if isinstance(node, list):
        return [materialise(v, path if inside_string else path + [i], planted, harmless, where, inside_string)
                for i, v in enumerate(node)]
    return node


def shape_of(v):
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, int):
        return "int"
    if isinstance(v, float):
        return "float"
    if isinstance(v, str):
        return "string"
    if isinstance(v, list):
        return "list"
    return "object"


# ---------------------------------------------------------------- personal value makers

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志强海燕玉兰晓东红梅春雨子涵浩然梓轩欣怡思远雅婷宇航佳怡俊杰"
WESTERN_FIRST = ["Anna", "Lukas", "Sophie", "Jonas", "Emily", "Oliver", "Chloé", "Mateo", "Hannah", "Noah",
                 "Isabella", "Liam", "Yuki", "Haruto", "Priya", "Arjun", "Olga", "Dmitri", "Fatima", "Omar"]
WESTERN_LAST = ["Schmidt", "Müller", "Dubois", "García", "Rossi", "Johnson", "Williams", "Tanaka", "Sato",
                "Kowalski", "Novak", "Jensen", "Andersson", "O'Brien", "Fernandes", "Petrov", "Haddad", "Nguyen"]
PINYIN = ["wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "xu", "sun", "ma", "zhu",
          "hu", "guo", "he", "gao", "lin", "luo"]
PINYIN_GIVEN = ["wei", "fang", "na", "min", "jing", "qiang", "lei", "jun", "yang", "tao", "ming", "chao", "xia",
                "hao", "yu", "xin", "jie", "hua", "ling", "feng"]
REGIONS = ["110101", "110105", "110108", "310104", "310115", "440305", "440106", "330106", "510107",
           "420111", "320102", "610113", "370202", "500103", "120101", "210102", "430104", "350203"]
CITIES = [("北京市", "海淀区", ["中关村大街", "学院路", "知春路", "西土城路"]),
          ("上海市", "徐汇区", ["漕溪北路", "衡山路", "肇嘉浜路", "虹桥路"]),
          ("深圳市", "南山区", ["科技园南路", "深南大道", "南海大道", "高新南一道"]),
          ("杭州市", "西湖区", ["文三路", "天目山路", "古墩路", "教工路"]),
          ("成都市", "武侯区", ["人民南路", "科华北路", "一环路南三段", "玉林北路"]),
          ("广州市", "天河区", ["天河路", "体育西路", "黄埔大道西", "中山大道"])]
STREETS_EN = [("Hauptstraße", "10115 Berlin"), ("Baker Street", "London NW1 6XE"), ("Rue de Rivoli", "75001 Paris"),
              ("Via Roma", "00184 Roma"), ("Elm Street", "Springfield, IL 62701"), ("Calle Mayor", "28013 Madrid"),
              ("Keizersgracht", "1015 CJ Amsterdam"), ("Nathan Road", "Tsim Sha Tsui, Kowloon")]
SSID_STYLES = ["TP-LINK_{h4}", "ChinaNet-{a4}", "CMCC-{a4}", "Xiaomi_{h4}", "HUAWEI-{a4}", "MERCURY_{h4}",
               "{sur}家的WiFi", "{py}-home", "{py}{n2}-5G", "NETGEAR{n2}", "FRITZ!Box 7590 {A2}", "Vodafone-{h4}",
               "{py}_{n4}", "Tenda_{h6}", "iPhone de {first}", "{first}'s Network", "H3C_{h6}", "ChinaUnicom-{a4}"]
EMAIL_DOMAINS = ["qq.com", "163.com", "126.com", "gmail.com", "outlook.com", "foxmail.com", "sina.com",
                 "hotmail.com", "yahoo.co.jp", "web.de", "icloud.com", "aliyun.com"]
XIAOMI_OUIS = ["28:6C:07", "64:09:80", "78:11:DC", "7C:49:EB", "50:EC:50", "04:CF:8C", "44:23:7C", "54:48:E6",
               "F0:B4:29", "B0:E4:D5", "34:CE:00", "C8:5C:CC"]
PASSWORD_WORDS = ["Passw0rd", "sunshine", "dragon", "iloveyou", "qwerty", "letmein", "monkey", "shadow", "Home",
                  "woaini", "baobei", "Xiaomi", "Hearth"]


class Maker:
    def __init__(self, rng):
        self.r = rng

    def hexs(self, n, upper=False):
        s = "".join(self.r.choice("0123456789abcdef") for _ in range(n))
        return s.upper() if upper else s

    def alnum(self, n):
        return "".join(self.r.choice(string.ascii_letters + string.digits) for _ in range(n))

    def digits(self, n):
        return "".join(self.r.choice(string.digits) for _ in range(n))

    # phones
    def cn_mobile_digits(self):
        prefix = self.r.choice(["130", "131", "132", "133", "135", "136", "137", "138", "139", "147", "150", "151",
                                "152", "153", "155", "156", "157", "158", "159", "166", "170", "173", "175", "176",
                                "177", "178", "180", "181", "182", "183", "185", "186", "187", "188", "189", "191",
                                "198", "199"])
        return prefix + self.digits(8)

    def phone(self):
        r = self.r
        m = self.cn_mobile_digits()
        style = r.randrange(12)
        if style == 0:
            return int(m)
        if style == 1:
            return "+86 %s %s %s" % (m[:3], m[3:7], m[7:])
        if style == 2:
            return "+86" + m
        if style == 3:
            return "%s-%s-%s" % (m[:3], m[3:7], m[7:])
        if style == 4:
            return "0086-" + m
        if style == 5:
            return "(0%s) %s %s" % (r.choice(["10", "21", "755", "571", "28"]), self.digits(4), self.digits(4))
        if style == 6:
            return "+1 (%s) %s-%s" % (r.choice(["415", "212", "646", "206", "617"]), r.randrange(200, 999), self.digits(4))
        if style == 7:
            return "+44 7%s %s" % (self.digits(3), self.digits(6))
        if style == 8:
            return "+49 1%s %s" % (r.choice(["51", "52", "60", "70", "76"]), self.digits(7))
        if style == 9:
            return "+81 90-%s-%s" % (self.digits(4), self.digits(4))
        if style == 10:
            return "+33 6 %s %s %s %s" % tuple(self.digits(2) for _ in range(4))
        return m

    def email(self):
        r = self.r
        local = r.choice([
            lambda: r.choice(PINYIN) + "." + r.choice(PINYIN_GIVEN) + str(r.randrange(1, 99)),
            lambda: self.digits(r.randrange(8, 11)).lstrip("0") or "12345678",
            lambda: r.choice(PINYIN) + r.choice(PINYIN_GIVEN) + str(r.randrange(1970, 2010)),
            lambda: r.choice(WESTERN_FIRST).lower().replace("é", "e") + "_" + r.choice(WESTERN_LAST).lower()
            .replace("ü", "ue").replace("'", "").replace("í", "i"),
            lambda: r.choice(PINYIN_GIVEN) + "+iot@" + r.choice(PINYIN),
        ])()
        if "@" in local:
            return local + "." + r.choice(["cn", "net", "com"])
        return local + "@" + r.choice(EMAIL_DOMAINS)

    def id_card(self):
        r = self.r
        year = r.randrange(1950, 2008)
        body = r.choice(REGIONS) + "%04d%02d%02d" % (year, r.randrange(1, 13), r.randrange(1, 29)) + self.digits(3)
        n = body + id_check_char(body)
        assert id_valid(n)
        return n

    def bank_card(self):
        r = self.r
        prefix, length = r.choice([("622202", 19), ("622848", 19), ("621700", 19), ("621483", 16), ("622588", 16),
                                   ("625965", 16), ("4", 16), ("51", 16), ("55", 16), ("37", 15), ("35", 16),
                                   ("6259", 16)])
        body = prefix + self.digits(length - 1 - len(prefix))
        n = body + luhn_check_digit(body)
        assert luhn_valid(n)
        if r.random() < 0.2:
            return " ".join(n[i:i + 4] for i in range(0, len(n), 4))
        if r.random() < 0.1 and length <= 18:
            return int(n)
        return n

    def ipv4(self):
        r = self.r
        style = r.randrange(6)
        if style <= 2:
            ip = "192.168.%d.%d" % (r.choice([0, 1, 1, 2, 3, 31, 50, 100]), r.randrange(2, 254))
        elif style == 3:
            ip = "10.%d.%d.%d" % (r.randrange(0, 255), r.randrange(0, 255), r.randrange(2, 254))
        elif style == 4:
            ip = "172.%d.%d.%d" % (r.randrange(16, 32), r.randrange(0, 255), r.randrange(2, 254))
        else:  # a home's public address from a CN carrier block
            ip = "%d.%d.%d.%d" % (r.choice([36, 39, 112, 113, 117, 120, 183, 223]), r.randrange(0, 255),
                                  r.randrange(0, 255), r.randrange(2, 254))
        if r.random() < 0.1:
            return ip + ":" + str(r.choice([54321, 8080, 1883, 443]))
        return ip

    def ipv6(self):
        r = self.r
        if r.random() < 0.4:
            return "fe80::%x:%xff:fe%x:%x" % (r.randrange(0x1000, 0xffff), r.randrange(0x10, 0xff),
                                               r.randrange(0x10, 0xff), r.randrange(0x1000, 0xffff))
        head = r.choice(["2408:8207", "240e:3b4", "2409:8a00", "2001:da8", "2a02:8109", "2600:1700"])
        groups = ["%x" % r.randrange(0x100, 0xffff) for _ in range(6 - head.count(":"))]
        return head + ":" + ":".join(groups)

    def ip(self):
        return self.ipv4() if self.r.random() < 0.75 else self.ipv6()

    def mac(self):
        r = self.r
        oui = r.choice(XIAOMI_OUIS) if r.random() < 0.6 else ":".join("%02X" % r.randrange(256) for _ in range(3))
        m = oui + ":" + ":".join("%02X" % r.randrange(256) for _ in range(3))
        style = r.randrange(5)
        if style == 1:
            return m.lower()
        if style == 2:
            return m.replace(":", "-")
        if style == 3:
            return m.replace(":", "")
        return m

    def first_name(self):
        return self.r.choice(WESTERN_FIRST)

    def ssid(self):
        r = self.r
        return r.choice(SSID_STYLES).format(h4=self.hexs(4, True), h6=self.hexs(6, True), a4=self.alnum(4),
                                            A2="".join(r.choice(string.ascii_uppercase) for _ in range(2)),
                                            sur=r.choice(SURNAMES), py=r.choice(PINYIN).capitalize(),
                                            n2=str(r.randrange(10, 99)), n4=str(r.randrange(1000, 9999)),
                                            first=r.choice(WESTERN_FIRST))

    def name(self):
        r = self.r
        if r.random() < 0.6:
            return r.choice(SURNAMES) + "".join(r.choice(GIVEN) for _ in range(r.choice([1, 2])))
        if r.random() < 0.5:
            return r.choice(WESTERN_FIRST) + " " + r.choice(WESTERN_LAST)
        return r.choice(PINYIN).capitalize() + " " + r.choice(PINYIN_GIVEN).capitalize() + r.choice(PINYIN_GIVEN)

    def address(self):
        r = self.r
        if r.random() < 0.65:
            city, district, roads = r.choice(CITIES)
            return "%s%s%s%d号%s" % (city, district, r.choice(roads), r.randrange(1, 999),
                                    r.choice(["", "%d栋%d单元%d" % (r.randrange(1, 30), r.randrange(1, 6),
                                                                  r.randrange(101, 3305)),
                                              "%d号楼%d室" % (r.randrange(1, 20), r.randrange(101, 2804))]))
        street, town = r.choice(STREETS_EN)
        if r.random() < 0.5:
            return "%s %d, %s" % (street, r.randrange(1, 220), town)
        return "%d %s, %s" % (r.randrange(1, 220), street, town)

    def token(self):
        r = self.r
        style = r.randrange(6)
        if style <= 1:
            return self.hexs(32)  # miIO token
        if style == 2:
            return self.hexs(32, True)
        if style == 3:  # base64 of 16 or 32 random bytes (BLE bind keys, cloud keys)
            raw = bytes(r.randrange(256) for _ in range(r.choice([16, 32])))
            import base64
            return base64.b64encode(raw).decode()
        if style == 4:  # a JWT-shaped bearer token
            import base64
            def b64(o):
                return base64.urlsafe_b64encode(json.dumps(o).encode()).decode().rstrip("=")
            return b64({"alg": "HS256", "typ": "JWT"}) + "." + b64({"sub": self.digits(10), "iat": r.randrange(1700000000, 1800000000)}) \
                + "." + base64.urlsafe_b64encode(bytes(r.randrange(256) for _ in range(32))).decode().rstrip("=")
        return self.hexs(24)  # BLE beacon key

    def password(self):
        r = self.r
        w = r.choice(PASSWORD_WORDS)
        style = r.randrange(4)
        if style == 0:
            return w + str(r.randrange(1, 9999)) + r.choice("!@#$%&*")
        if style == 1:
            return r.choice(PINYIN) + r.choice(PINYIN_GIVEN) + str(r.randrange(1960, 2015))
        if style == 2:
            return self.alnum(r.randrange(10, 16))
        return w.capitalize() + "_" + self.alnum(4) + str(r.randrange(10, 99))

    def user_id(self):
        r = self.r
        style = r.randrange(5)
        if style == 0:
            return r.randrange(1000000000, 3000000000)  # Xiaomi account uid, as miIO.info reports it
        if style == 1:
            return str(r.randrange(1000000000, 3000000000))
        if style == 2:
            return self.email()  # e-mail-like account id
        if style == 3:
            return "u_" + self.hexs(12)
        return "ou_" + self.alnum(20)  # an open id from a mini-program login

    def coordinate(self, china=True):
        r = self.r
        if china and r.random() < 0.75:
            lon, lat = r.uniform(98.0, 123.0), r.uniform(21.0, 45.0)
        else:
            lon, lat = r.uniform(-123.0, 151.0), r.uniform(-38.0, 60.0)
        return self.fix(lon, r.randrange(5, 8)), self.fix(lat, r.randrange(5, 8))

    def fix(self, x, places):
        s = "%.*f" % (places, x)
        if s.endswith("0"):
            s = s[:-1] + str(self.r.randrange(1, 10))
        return float(s)

    def coords(self):
        """Geographic coordinates in one of the shapes devices and apps send."""
        r = self.r
        lon, lat = self.coordinate()
        style = r.randrange(8)
        if style == 0:
            return [lon, lat]
        if style == 1:
            return [lat, lon]
        if style == 2:
            return {"lat": lat, "lng": lon}
        if style == 3:
            return {"latitude": lat, "longitude": lon}
        if style == 4:
            return {"lon": lon, "lat": lat}
        if style == 5:
            return "%s,%s" % (num_text(lat), num_text(lon))
        if style == 6:
            return [[lon, lat], list(self.shift(lon, lat)), list(self.shift(lon, lat))]
        return {"x": lon, "y": lat}

    def shift(self, lon, lat):
        return self.fix(lon + self.r.uniform(-0.002, 0.002), 6), self.fix(lat + self.r.uniform(-0.002, 0.002), 6)


# ---------------------------------------------------------------- harmless value makers

MODELS = ["roborock.vacuum.a15", "dreame.vacuum.p2008", "zhimi.fan.za4", "cuco.plug.v3", "yeelink.light.ceiling22",
          "lumi.sensor_ht.v1", "xiaomi.repeater.v2", "viomi.dishwasher.m02", "chuangmi.plug.m1", "loock.lock.v1"]
STATES = ["cleaning", "charging", "idle", "returning", "paused", "docked", "on", "off", "auto", "sleep"]
METHODS = ["fingerprint", "password", "nfc", "bluetooth", "key", "face", "app"]


class Harmless:
    def __init__(self, rng, maker):
        self.r, self.m = rng, maker

    def fail_luhn(self, body):
        # a long counter that is not a card number: the last digit is anything but the Luhn digit
        good = luhn_check_digit(body)
        return body + self.r.choice([d for d in string.digits if d != good])

    def one(self, kind=None):
        r = self.r
        kinds = ["counter", "long_counter", "fw_hash", "rgb", "range", "temperature_pair", "timestamp_s",
                 "timestamp_ms", "iso_time", "model", "version", "percentage", "grid_position", "grid_path",
                 "rssi", "enum", "duration", "hex_color", "cron", "timezone", "urn", "small_float", "order_id",
                 "ble_uuid", "clock_time", "bool"]
        kind = kind or r.choice(kinds)
        v = {
            "counter": lambda: r.randrange(100000, 2000000000),
            "long_counter": lambda: int(self.fail_luhn(str(r.randrange(2, 9)) + self.m.digits(r.choice([10, 12, 14, 15])))),
            "fw_hash": lambda: self.m.hexs(r.choice([8, 40, 64])),
            "rgb": lambda: [r.choice([255, 128, 0, 64, 200]), r.randrange(0, 256), r.randrange(0, 256)],
            "range": lambda: r.choice([[0, 100], [1, 100, 1], [30, 120], [2700, 6500], [-40, 125], [0, 3680, 0.1]]),
            "temperature_pair": lambda: [round(r.uniform(16, 30), 1), round(r.uniform(16, 30), 1)],
            "timestamp_s": lambda: r.randrange(1600000000, 1800000000),
            "timestamp_ms": lambda: r.randrange(1600000000000, 1800000000000),
            "iso_time": lambda: "2026-%02d-%02dT%02d:%02d:%02dZ" % (r.randrange(1, 13), r.randrange(1, 29),
                                                                   r.randrange(24), r.randrange(60), r.randrange(60)),
            "model": lambda: r.choice(MODELS),
            "version": lambda: r.choice(["%d.%d.%d" % (r.randrange(1, 5), r.randrange(0, 10), r.randrange(0, 30)),
                                         "%d.%d.%d_%04d" % (r.randrange(1, 5), r.randrange(0, 10), r.randrange(0, 10),
                                                            r.randrange(1, 2000)),
                                         "%d.%d.%d.%d" % (r.randrange(1, 5), r.randrange(0, 10), r.randrange(0, 10),
                                                          r.randrange(1000, 9999))]),
            "percentage": lambda: r.randrange(0, 101),
            "grid_position": lambda: [r.randrange(20000, 30000), r.randrange(20000, 30000)],
            "grid_path": lambda: [[r.randrange(20000, 30000), r.randrange(20000, 30000)] for _ in range(r.randrange(2, 5))],
            "rssi": lambda: r.randrange(-90, -30),
            "enum": lambda: r.choice(STATES + METHODS),
            "duration": lambda: r.choice(["PT%dM" % r.randrange(1, 120), "%dh%02dm" % (r.randrange(0, 5), r.randrange(60))]),
            "hex_color": lambda: "#%06X" % r.randrange(0, 0xFFFFFF),
            "cron": lambda: "%d %d * * %d" % (r.randrange(60), r.randrange(24), r.randrange(7)),
            "timezone": lambda: r.choice(["Asia/Shanghai", "Europe/Berlin", "UTC", "America/New_York"]),
            "urn": lambda: "urn:miot-spec-v2:property:%s:%08X:%s:1" % (r.choice(["on", "brightness", "mode", "fault"]),
                                                                       r.randrange(0, 0xFF), r.choice(["roborock-a15", "cuco-v3", "zhimi-za4"])),
            "small_float": lambda: round(r.uniform(0, 500), r.choice([1, 2])),
            "order_id": lambda: self.fail_luhn("2026" + self.m.digits(11)),
            "ble_uuid": lambda: r.choice(["0000fe95-0000-1000-8000-00805f9b34fb", "0000180f-0000-1000-8000-00805f9b34fb"]),
            "clock_time": lambda: "%02d:%02d" % (r.randrange(24), r.randrange(60)),
            "bool": lambda: r.random() < 0.5,
        }[kind]()
        return H(kind, v)


# ---------------------------------------------------------------- templates shaped after real payloads

NEUTRAL_KEYS = ["val", "value", "v", "data", "p1", "p2", "field_7", "x1", "attr", "res", "info", "extra", "s",
                "item", "k9"]


class Templates:
    def __init__(self, rng):
        self.r = rng
        self.m = Maker(rng)
        self.h = Harmless(rng, self.m)

    def personal(self, category):
        m = self.m
        return P(category, {"phone": m.phone, "email": m.email, "id_card": m.id_card, "bank_card": m.bank_card,
                            "ip": m.ip, "mac": m.mac, "ssid": m.ssid, "name": m.name, "address": m.address,
                            "token": m.token, "password": m.password, "user_id": m.user_id,
                            "coordinates": m.coords}[category]())

    def keyed(self, category):
        """A planted value and the key it travels under; a bare integer user id only under a telling key
        (as a value alone it is indistinguishable from a counter)."""
        p = self.personal(category)
        key = self.key_for(category, allow_neutral=not (category == "user_id" and isinstance(p.value, int)))
        return key, p

    def key_for(self, category, allow_neutral=True):
        r = self.r
        named = {
            "phone": ["phone", "mobile", "tel", "contact_phone", "phoneNumber", "手机号", "emergency_contact"],
            "email": ["email", "mail", "account", "login", "e-mail", "userEmail"],
            "id_card": ["id_card", "idNo", "identity", "身份证", "cert_no", "national_id"],
            "bank_card": ["bank_card", "card_no", "pan", "cardNumber", "payment", "银行卡"],
            "ip": ["ip", "localIp", "ip-address", "wan_ip", "gw", "addr", "host", "ipv6"],
            "mac": ["mac", "bssid", "mac-address", "hw_addr", "wifi_mac", "bt_mac"],
            "ssid": ["ssid", "wifi-ssid", "ap_name", "network", "wifi_name", "SSID"],
            "name": ["name", "owner", "user_name", "holder", "nickname", "contact", "姓名", "family_member"],
            "address": ["address", "home_address", "地址", "street", "install_addr", "location_text"],
            "token": ["token", "key", "bind_key", "secret", "access_token", "beaconkey", "cloud_key"],
            "password": ["password", "passwd", "pwd", "wifi_password", "pin", "psk"],
            "user_id": ["uid", "user_id", "operator", "userId", "openid", "owner_id", "account_id"],
            "coordinates": ["position", "pos", "loc", "point", "path", "gps", "geo", "val", "location", "center"],
        }[category]
        if category in ("phone", "email", "id_card", "bank_card", "ip", "mac", "token", "coordinates", "user_id") \
                and allow_neutral and r.random() < 0.35:
            return r.choice(NEUTRAL_KEYS) + ("_%d" % r.randrange(100) if r.random() < 0.5 else "")
        return r.choice(named)

    def pick_category(self):
        return self.r.choices(
            ["phone", "email", "id_card", "bank_card", "ip", "mac", "ssid", "name", "address", "token",
             "password", "user_id", "coordinates"],
            weights=[14, 10, 8, 8, 12, 10, 7, 7, 6, 10, 5, 9, 16])[0]

    def harmless_key(self, kind):
        return self.r.choice({
            "counter": ["rx", "tx", "life", "mmfree", "clean_area", "msg_seq", "filter_work_time", "total_energy_wh"],
            "long_counter": ["bytes_rx", "bytes_tx", "uptime_ms", "energy_mwh", "seq_no", "frame_count"],
            "fw_hash": ["checksum"],
            "rgb": ["rgb", "color", "led_rgb"],
            "range": ["range", "limits", "speed_range", "ct_range"],
            "temperature_pair": ["temps", "temp_history", "target_range"],
            "timestamp_s": ["begin", "end", "updated", "last_seen", "since"],
            "timestamp_ms": ["ts_ms", "event_time", "reported_at"],
            "iso_time": ["at", "time", "next_run"],
            "model": ["model", "parent_model", "sub_model"],
            "version": ["fw_ver", "hw_ver", "wifi_fw_ver", "mcu_fw_ver", "miio_ver"],
            "percentage": ["battery", "brightness", "fan_power", "water_level", "progress"],
            "grid_position": ["charger", "dock_pos", "robot_grid", "cell"],
            "grid_path": ["segment_outline", "zone", "no_go"],
            "rssi": ["rssi", "signal"],
            "enum": ["state", "mode", "method", "status"],
            "duration": ["duration", "remaining", "runtime"],
            "hex_color": ["hex", "theme_color"],
            "cron": ["schedule", "cron"],
            "timezone": ["tz", "timezone"],
            "urn": ["type", "spec"],
            "small_float": ["power", "voltage", "cleaned_area_m2", "pm25", "humidity"],
            "order_id": ["order", "job_id", "trace"],
            "ble_uuid": ["service_uuid", "uuid"],
            "clock_time": ["start", "dnd_start", "alarm"],
            "bool": ["enabled", "charging", "child_lock"],
        }[kind])

    def add_harmless(self, obj, n):
        for _ in range(n):
            h = self.h.one()
            k = self.harmless_key(h.kind)
            if h.kind == "fw_hash":  # the key says which digest it is
                k = {8: "crc32", 40: self.r.choice(["fw_sha1", "build_id"]), 64: "ota_sha256"}[len(h.value)]
            if k not in obj:
                obj[k] = h

    def mixed_object(self, n_personal, n_harmless):
        """An object of personal leaves beside harmless siblings (which must survive)."""
        o = {}
        for _ in range(n_personal):
            k, p = self.keyed(self.pick_category())
            o.setdefault(k, p)
        self.add_harmless(o, n_harmless)
        return o

    # --- miIO / MIoT devices: the shapes python-miio's fixtures show
    def miio_info(self):
        r, m = self.r, self.m
        model = r.choice(["zhimi.fan.sa1", "cuco.plug.v3"])
        info = {"ap": {"ssid": P("ssid", m.ssid()), "bssid": P("mac", m.mac()), "rssi": self.h.one("rssi"),
                       "primary": H("channel", r.choice([1, 6, 11, 36, 149]))},
                "netif": {"localIp": P("ip", m.ipv4()), "mask": "255.255.255.0", "gw": P("ip", m.ipv4())},
                "mac": P("mac", m.mac()), "model": H("model", model),
                "fw_ver": self.h.one("version"), "hw_ver": H("hw", r.choice(["esp8266", "esp32", "MC200", "Linux"])),
                "life": self.h.one("counter"), "mmfree": H("counter", r.randrange(10000, 60000)),
                "miio_ver": H("version", r.choice(["0.0.8", "0.0.9"])), "ipflag": 1}
        if r.random() < 0.7:
            info["token"] = P("token", m.hexs(32))
        if r.random() < 0.6:
            info["uid"] = P("user_id", r.randrange(1000000000, 3000000000))
        props = self.declared_personal_miio() if r.random() < 0.6 else {}
        props[r.choice(["miIO.info", "info", "device_info"])] = info if r.random() < 0.8 else S(info)
        props.update(self.miio_telemetry(model))
        return model, {"props": props}

    def miio_telemetry(self, model):
        """Declared telemetry of the right type for model (what must survive in every mode)."""
        r = self.r
        if model == "cuco.plug.v3":
            return {"2.1": H("bool", r.random() < 0.5), "2.6": H("small_float", round(r.uniform(0, 2000), 1))}
        if model == "zhimi.fan.sa1":
            return {"2.2": H("percentage", r.randrange(1, 101)), "2.4": H("percentage", r.randrange(30, 121))}
        if model == "hearth.sensor.th1":
            return {"2.1": H("temperature", round(r.uniform(-10, 35), 1)), "3.1": H("percentage", r.randrange(0, 101))}
        if model == "hearth.light.lamp1":
            return {"2.1": H("bool", r.random() < 0.5), "2.2": H("percentage", r.randrange(1, 101))}
        if model == "hearth.plug.v1":
            return {"2.1": H("bool", r.random() < 0.5), "2.2": H("small_float", round(r.uniform(0, 2500), 1))}
        if model == "hearth.vacuum.v1":
            return {"2.1": H("enum", r.choice(["cleaning", "idle"])), "3.1": H("percentage", r.randrange(0, 101))}
        return {"3.1": H("percentage", r.randrange(0, 101))}

    def wrong_shapes(self, category, value):
        """A declared personal/secret value in the type the model says, or in another (firmware surprises)."""
        r = self.r
        style = r.randrange(8)
        if style <= 1:
            return P(category, value)
        if style == 2:
            return [P(category, value)]
        if style == 3:
            return {r.choice(["value", "v", "s"]): P(category, value)}
        if style == 4:
            return S({"value": P(category, value)})
        if style == 5 and isinstance(value, str) and value.replace(":", "").replace("-", "").isalnum():
            digits = "".join(c for c in value if c.isdigit())
            if 6 <= len(digits) <= 18:  # a JSON integer the gateway can read (it rejects > 64 bits)
                return P(category, int(digits))
        if style == 6:
            return P(category, [value, self.h.one("rssi").value], needles_of(value))
        return P(category, value)

    def declared_personal_miio(self):
        r, m = self.r, self.m
        props = {}
        for key, cat, make in [("1.4", "mac", m.mac), ("1.5", "ip", m.ipv4), ("1.6", "ssid", m.ssid),
                               ("1.7", "mac", m.mac), ("1.9", "token", lambda: m.hexs(32))]:
            if r.random() < 0.45:
                props[key] = self.wrong_shapes(cat, make())
        if "1.9" in props and r.random() < 0.3:
            props["1.9"] = P("token", int("8" + m.digits(17)))  # a token reported as an integer
        return props

    # --- native devices
    def native_declared(self):
        r, m = self.r, self.m
        props = {}
        if r.random() < 0.5:
            props["1.1"] = self.wrong_shapes("ssid", m.ssid())
        if r.random() < 0.5:
            props["1.2"] = self.wrong_shapes("ip", m.ip())
        return props

    def vacuum(self):
        r, m = self.r, self.m
        props = self.native_declared()
        props["2.1"] = H("enum", r.choice(["cleaning", "charging", "idle", "returning"]))
        props["2.2"] = H("small_float", round(r.uniform(0, 120), 1))
        props["3.1"] = H("percentage", r.randrange(0, 101))
        if r.random() < 0.5:
            props["2.3"] = self.wrong_shapes("coordinates", m.coords()) if r.random() < 0.5 else P("coordinates", m.coords())
        if r.random() < 0.3:
            props["2.4"] = self.wrong_shapes("address", m.address())
        # roborock-style status and map objects (simulated_roborock.yaml): integer grid positions are harmless
        status = {"battery": self.h.one("percentage"), "clean_area": H("counter", r.randrange(1000000, 90000000)),
                  "clean_time": H("counter", r.randrange(100, 9000)), "fan_power": H("percentage", r.choice([101, 102, 103, 104])),
                  "msg_seq": self.h.one("counter"), "state": H("enum_int", r.randrange(1, 20))}
        props[r.choice(["status", "get_status"])] = status
        mp = {"charger": self.h.one("grid_position"), "robot": self.h.one("grid_position"),
              "segments": [H("segment_id", r.randrange(16, 32)) for _ in range(r.randrange(1, 4))]}
        geo_key = r.choice(["pos", "loc", "point", "gps", "val", "position", "home"])
        if r.random() < 0.7:
            mp[geo_key] = P("coordinates", m.coords())
        if r.random() < 0.4:
            mp["path"] = P("coordinates", [list(m.coordinate()) for _ in range(r.randrange(2, 5))])
        props["map"] = mp
        if r.random() < 0.3:
            props["clean_record"] = [{"begin": self.h.one("timestamp_s"), "end": self.h.one("timestamp_s"),
                                      "area": H("counter", r.randrange(0, 90000000)),
                                      "start": P("coordinates", list(m.coordinate())) if r.random() < 0.5 else self.h.one("grid_position")}]
        return "hearth.vacuum.v1", {"props": props}

    def lock_event(self):
        r, m = self.r, self.m
        cat = "user_id" if r.random() < 0.7 else "name"
        user = m.user_id() if cat == "user_id" else m.name()
        args = {"user": P(cat, user) if r.random() < 0.6 else self.wrong_shapes(cat, user),
                "method": H("enum", r.choice(METHODS))}
        extra = r.randrange(4)
        if extra == 0:
            args["operator"] = self.personal(r.choice(["phone", "email", "user_id"]))
        elif extra == 1:
            args["operator_id"] = P("user_id", m.user_id())
            args["key_id"] = H("key_slot", r.randrange(1, 100))
        elif extra == 2:
            args["detail"] = S({"operator": P("phone", m.phone()), "ts": self.h.one("timestamp_s").value})
        else:
            args["time"] = self.h.one("timestamp_s")
        args["battery"] = self.h.one("percentage")
        return "hearth.lock.v1", {"event": "2.1", "args": args}

    def lock_state(self):
        r, m = self.r, self.m
        props = self.native_declared()
        props["2.1"] = H("bool", r.random() < 0.5)
        props["3.1"] = H("percentage", r.randrange(0, 101))
        log = []
        for _ in range(r.randrange(1, 4)):
            entry = {"ts": self.h.one("timestamp_s"), "method": H("enum", r.choice(METHODS))}
            k, p = self.keyed(r.choice(["phone", "user_id", "name", "email", "id_card"]))
            entry[k] = p
            log.append(entry)
        props[r.choice(["lock_log", "history", "records"])] = log
        return "hearth.lock.v1", {"props": props}

    def sensor(self):
        r, m = self.r, self.m
        props = self.native_declared()
        props["2.1"] = H("temperature", round(r.uniform(-10, 35), 1))
        props["2.2"] = H("percentage", round(r.uniform(20, 90), 1))
        props["3.1"] = H("percentage", r.randrange(0, 101))
        props["history"] = self.h.one("temperature_pair")
        if r.random() < 0.6:
            props[r.choice(["location", "loc", "geo", "p3"])] = P("coordinates", m.coords())
        props["cfg"] = self.mixed_object(r.randrange(0, 2), 2)
        return "hearth.sensor.th1", {"props": props}

    def lamp(self):
        r, m = self.r, self.m
        props = self.native_declared()
        props["2.1"] = H("bool", r.random() < 0.5)
        props["2.2"] = H("percentage", r.randrange(1, 101))
        props["2.3"] = H("color_temp", r.randrange(2700, 6501))
        props["rgb"] = self.h.one("rgb")
        props["scene"] = self.mixed_object(1, 2)
        if r.random() < 0.5:
            props[r.choice(NEUTRAL_KEYS)] = [self.personal(r.choice(["phone", "email", "ip", "mac"])),
                                             self.h.one("percentage"), self.h.one("enum")]
        return "hearth.light.lamp1", {"props": props}

    def plug(self):
        r, m = self.r, self.m
        props = self.native_declared()
        props["2.1"] = H("bool", r.random() < 0.5)
        props["2.2"] = H("small_float", round(r.uniform(0, 2500), 1))
        props["2.3"] = H("small_float", round(r.uniform(0, 99999), 2))
        billing = {"kwh": self.h.one("small_float"), "tariff": H("small_float", round(r.uniform(0.3, 1.2), 2))}
        k, p = self.keyed(r.choice(["bank_card", "bank_card", "id_card", "name", "phone", "address"]))
        billing[k] = p
        props[r.choice(["billing", "meter", "tariff_plan"])] = billing
        if r.random() < 0.4:
            ph = m.phone()  # free text that embeds a phone number
            ph = ph if isinstance(ph, str) else str(ph)
            props["note"] = P("phone", r.choice(["call %s if it trips", "请联系%s", "installer: %s"]) % ph, [ph])
        return "hearth.plug.v1", {"props": props}

    def wifi_config(self):
        """A provisioning blob (MIoT wifi-ssid/password props): secrets in unknown fields."""
        r, m = self.r, self.m
        model = r.choice(["hearth.plug.v1", "hearth.light.lamp1", "hearth.sensor.th1", "cuco.plug.v3"])
        props = {}
        cfg = {"wifi-ssid": P("ssid", m.ssid()), "password": P("password", m.password()),
               "ip-address": P("ip", m.ip()), "mac-address": P("mac", m.mac()),
               "channel": H("channel", r.choice([1, 6, 11])), "country": H("enum", r.choice(["CN", "DE", "US"]))}
        props[r.choice(["wifi", "net", "provision"])] = cfg if r.random() < 0.7 else S(cfg)
        props.update(self.miio_telemetry(model))
        return model, {"props": props}

    def family(self):
        """An app-side profile pushed through a device (the worst case): many categories in one object."""
        r, m = self.r, self.m
        model = r.choice(["hearth.lock.v1", "hearth.vacuum.v1", "hearth.plug.v1"])
        members = []
        for _ in range(r.randrange(1, 3)):
            # not labelled harmless: a detector may fairly drop a whole member entry under "members"
            mem = {self.key_for("name"): P("name", m.name()), "role": r.choice(["owner", "member", "guest"]),
                   "added": self.h.one("timestamp_ms").value}
            for c in r.sample(["phone", "email", "id_card", "bank_card", "address", "user_id"], 2):
                k, p = self.keyed(c)
                mem[k] = p
            members.append(mem)
        props = {r.choice(["members", "family", "users"]): members, "count": H("small_count", len(members)),
                 "updated": self.h.one("iso_time")}
        props["3.1"] = H("percentage", r.randrange(0, 101))
        return model, {"props": props}

    def lookalikes(self):
        """Only harmless values: the things a detector must not take for personal data."""
        r = self.r
        model = r.choice(["hearth.plug.v1", "hearth.sensor.th1", "hearth.light.lamp1", "hearth.vacuum.v1"])
        props = self.miio_telemetry(model)
        o = {}
        self.add_harmless(o, r.randrange(4, 8))
        props[r.choice(["diag", "stats", "extra", "sys"])] = o
        # an unnamed list: no hex digests here (by value alone a 64-hex digest and a 32-byte key are alike)
        arr = [self.h.one(r.choice(["counter", "rgb", "range", "temperature_pair", "timestamp_s", "version",
                                    "percentage", "grid_position", "enum", "iso_time", "small_float", "bool"]))
               for _ in range(r.randrange(2, 4))]
        props["list"] = arr
        self.add_harmless(props, 2)
        return model, {"props": props}

    def record(self, i):
        kind = self.r.choices(["miio_info", "vacuum", "lock_event", "lock_state", "sensor", "lamp", "plug",
                               "wifi_config", "family", "lookalikes"],
                              weights=[14, 14, 10, 8, 9, 9, 9, 7, 5, 15])[0]
        model, body = getattr(self, kind)()
        return kind, model, body


# ---------------------------------------------------------------- assembly, collision checks, output

def substrings6(s):
    return {s} if len(s) <= 6 else {s[i:i + 6] for i in range(len(s) - 5)}


def clean(rec_json, planted):
    """True when no needle (nor a 6-character piece of it) occurs anywhere in the record except in its
    own planted value: otherwise a kept harmless value or another planted value would look like a leak."""
    for i, p in enumerate(planted):
        others = json.dumps(blank(rec_json, [q["path"] for j, q in enumerate(planted) if j != i] + [p["path"]]),
                            ensure_ascii=False)
        for j, q in enumerate(planted):
            if j != i:
                others += "\x00" + "\x00".join(q["needles"])
        for n in p["needles"]:
            for piece in substrings6(n):
                if piece in others:
                    return False
    return True


def blank(doc, paths):
    doc = json.loads(json.dumps(doc))
    for path in paths:
        parts = [p.replace("~1", "/").replace("~0", "~") for p in path.split("/")[1:]]
        node = doc
        for p in parts[:-1]:
            node = node[int(p)] if isinstance(node, list) else node[p]
        last = parts[-1]
        if isinstance(node, list):
            node[int(last)] = None
        else:
            node[last] = None
    return doc


def build(seed, count, split):
    rng = random.Random(seed)
    t = Templates(rng)
    records, labels = [], []
    i = 0
    while len(records) < count:
        for _ in range(50):
            kind, model, body = t.record(i)
            device = "%s-%s-%04d" % ("cb", split[0], len(records) + 1)
            rec = {"device": device, "model": model,
                   "ts": rng.randrange(1760000000000, 1790000000000) if rng.random() < 0.5
                   else "2026-%02d-%02dT%02d:%02d:00Z" % (rng.randrange(1, 13), rng.randrange(1, 29),
                                                         rng.randrange(24), rng.randrange(60))}
            planted, harmless = [], []
            for section, content in body.items():
                rec[section] = materialise(content, [section], planted, harmless, None)
            for p in planted:
                p["where"] = where_of(model, p["path"], DECLARED)
            for h in harmless:
                h["where"] = where_of(model, h["path"], DECLARED_ANY)
            if clean(rec, planted) and (planted or harmless):
                break
        else:
            raise SystemExit("could not make a collision-free record")
        records.append(rec)
        labels.append({"device": device, "template": kind, "planted": planted, "harmless": harmless})
        i += 1
    return records, labels


DECLARED = {"zhimi.fan.sa1": {"1.4", "1.5", "1.6", "1.7", "1.9"}, "cuco.plug.v3": {"1.4", "1.5", "1.6", "1.7", "1.9"},
            "hearth.vacuum.v1": {"1.1", "1.2", "2.3", "2.4"}, "hearth.lock.v1": {"1.1", "1.2", "user"},
            "hearth.sensor.th1": {"1.1", "1.2"}, "hearth.light.lamp1": {"1.1", "1.2"}, "hearth.plug.v1": {"1.1", "1.2"}}


# every property (and event argument) the shipped models declare, whatever its class
DECLARED_ANY = {"zhimi.fan.sa1": {"1.%d" % i for i in range(1, 10)} | {"2.%d" % i for i in range(1, 9)} | {"3.1", "3.2"},
                "cuco.plug.v3": {"1.%d" % i for i in range(1, 10)} | {"2.1", "2.6", "3.1"},
                "hearth.vacuum.v1": {"1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "3.1"},
                "hearth.lock.v1": {"1.1", "1.2", "1.3", "1.4", "2.1", "3.1", "user", "method"},
                "hearth.sensor.th1": {"1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "3.1"},
                "hearth.light.lamp1": {"1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3"},
                "hearth.plug.v1": {"1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3"}}


def where_of(model, path, declared):
    """declared: under a property the model declares (personal/secret ones for planted values); unknown: a
    field the model does not describe."""
    top = path.split("/")[2]
    return "declared" if top in declared[model] else "unknown"


def main():
    # the templates are not options: another split is only another seed (and size) of the same generator
    import argparse
    ap = argparse.ArgumentParser(description="writes dev.* and heldout.*; with --split, only that split")
    ap.add_argument("--split", help="a split's name; with --seed, a new split NAME.jsonl / NAME.labels.jsonl")
    ap.add_argument("--seed", type=int)
    ap.add_argument("--count", type=int, default=490)
    a = ap.parse_args()
    splits = SPLITS
    if a.split:
        if a.split in SPLITS and a.seed is None:
            splits = {a.split: SPLITS[a.split]}
        elif a.seed is None or a.split in SPLITS:
            ap.error("a new split needs --seed (and may not reuse the name dev or heldout)")
        else:
            splits = {a.split: (a.seed, a.count)}
    for split, (seed, count) in splits.items():
        records, labels = build(seed, count, split)
        with open(os.path.join(HERE, split + ".jsonl"), "w", encoding="utf-8") as f:
            for rec in records:
                f.write(json.dumps(rec, ensure_ascii=False, separators=(",", ":")) + "\n")
        with open(os.path.join(HERE, split + ".labels.jsonl"), "w", encoding="utf-8") as f:
            for lab in labels:
                f.write(json.dumps(lab, ensure_ascii=False, separators=(",", ":")) + "\n")
        np = sum(len(l["planted"]) for l in labels)
        nh = sum(len(l["harmless"]) for l in labels)
        print("%s: seed %d, %d records, %d planted, %d harmless" % (split, seed, len(records), np, nh), file=sys.stderr)


if __name__ == "__main__":
    main()
