package dev.hearth.core.privacy;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What a field name means, by whole tokens: {@code "userName"}, {@code "user_name"} and
 * {@code "USER-NAME"} all contain the token {@code user}; {@code "brightness"} contains no person
 * token. Tokens split at non-alphanumerics and camelCase humps; two adjacent tokens are also tried
 * joined ({@code id_card} -> {@code idcard}), and a token with its trailing digits removed
 * ({@code mac2} -> {@code mac}). Chinese has no word separators, so Chinese terms match as
 * substrings of a run of Han characters.
 */
final class KeyVocabulary {

    public static final int PERSON = 1;
    public static final int WIFI = 1 << 1;
    public static final int MAC = 1 << 2;
    public static final int LOCATION = 1 << 3;
    public static final int VERSION = 1 << 4;
    public static final int TIME = 1 << 5;
    public static final int SECRET = 1 << 6;
    /** A digest or checksum (ota_sha256, build_id, md5): long hex under it is not a key. */
    public static final int DIGEST = 1 << 7;
    /**
     * A device's own number (did, sn, seq, nonce, order, count, rgb): digits under it are not an
     * account id, which digits under a neutral key ({@code val}, {@code field_7}) may be.
     */
    public static final int SERIAL = 1 << 8;
    /** Who did it ({@code by}, {@code opened_by}): an account-shaped number under it is a user id, a word is not. */
    public static final int ACTOR = 1 << 9;

    private static final Set<String> PERSON_WORDS = Set.of(
            "name", "names", "nickname", "nick", "firstname", "lastname", "surname", "fullname", "realname",
            "owner", "user", "users", "username", "userid", "uid", "account", "accountid", "member", "person",
            "contact", "guest", "visitor", "email", "mail", "phone", "phoneno", "phonenumber", "mobile",
            "tel", "telephone", "cellphone", "address", "addr", "location", "loc", "gps", "geo", "avatar",
            "ssid", "bssid", "essid", "ip", "ipaddr", "ipaddress", "ipv4", "ipv6", "mac", "macaddr",
            "macaddress", "hwaddr", "birthday", "birthdate", "dob", "idcard", "idno", "idnumber", "passport",
            "latitude", "longitude", "lat", "lng", "lon", "coord", "coords", "coordinate", "coordinates",
            "fingerprint", "face", "members", "holder", "holders", "cardholder", "operator", "operatorid", "openid",
            "unionid", "street", "zipcode", "postcode", "postalcode",
            // who an event was by, for or with: their ids, names and numbers
            "sender", "receiver", "recipient", "actor", "creator", "initiator", "inviter", "invitee", "sharer",
            "requester", "requestor", "unlocker", "customer", "buyer", "payer", "tenant", "resident", "occupant",
            "friend", "friends", "people", "persons", "who", "xiaomiid", "miid", "miuid", "uname", "usr",
            "caller", "callee", "keyholder", "subscriber", "householder", "landlord", "qq", "wechat", "weixin",
            // pinyin
            "xingming", "mingzi", "shouji", "shoujihao", "dianhua", "dizhi", "zhuzhi", "yonghu", "yonghuming",
            "zhanghao", "nicheng", "weizhi", "touxiang", "shenfenzheng", "youxiang", "shengri", "dingwei",
            "jingdu", "weidu", "lianxiren");
    private static final String[] PERSON_HAN = {
            "姓名", "名字", "手机", "电话", "地址", "住址", "用户", "账号", "帐号", "昵称", "位置", "定位", "头像",
            "身份证", "邮箱", "生日", "经度", "纬度", "联系人", "主人", "户主",
            "操作人", "操作者", "操作员", "成员", "家人", "管理员", "访客", "业主", "房主", "租户", "开锁人", "使用者", "会员"};
    private static final Set<String> WIFI_WORDS = Set.of("ssid", "bssid", "essid", "wifiname", "wifissid",
            "apssid", "apname", "wlanname");
    private static final Set<String> MAC_WORDS = Set.of("mac", "macaddr", "macaddress", "bssid", "hwaddr",
            "hwaddress", "ethaddr");
    private static final Set<String> LOCATION_WORDS = Set.of("location", "loc", "gps", "geo", "lat", "latitude",
            "lng", "lon", "longitude", "coord", "coords", "coordinate", "coordinates", "weizhi", "dingwei",
            "jingdu", "weidu");
    private static final String[] LOCATION_HAN = {"位置", "定位", "经度", "纬度", "坐标"};
    private static final Set<String> VERSION_WORDS = Set.of("firmware", "fw", "version", "ver", "build", "sw",
            "hw", "rev", "revision", "release", "fwver", "swver", "hwver", "fwversion", "swversion");
    private static final Set<String> TIME_WORDS = Set.of("time", "ts", "timestamp", "date", "datetime", "at",
            "created", "updated", "modified", "seen", "since", "expires", "expiry", "when", "epoch");
    private static final Set<String> SECRET_WORDS = Set.of("token", "password", "passwd", "pwd", "secret", "psk",
            "passphrase", "apikey", "privatekey", "secretkey", "aeskey", "homekey", "devicekey", "accesstoken",
            "credential", "credentials", "mima", "bindkey", "blekey", "beaconkey", "mibeaconkey", "authkey", "sessionkey",
            "masterkey", "encryptkey", "signkey", "pin", "pincode", "passcode", "pass", "pw", "otp", "cvv", "cvc",
            "wifipass", "wifipwd", "wifipassword", "unlockcode");
    private static final Set<String> DIGEST_WORDS = Set.of("sha", "sha1", "sha256", "sha512", "md5", "hash", "digest",
            "checksum", "crc", "crc32", "commit", "buildid");
    private static final Set<String> SERIAL_WORDS = Set.of("did", "devid", "deviceid", "device", "dev", "sn", "serial",
            "serialno", "seq", "seqno", "sequence", "nonce", "order", "orderid", "count", "counter", "total", "num",
            "code", "msgid", "job", "jobid", "task", "taskid", "req", "reqid", "requestid", "frame", "size", "bytes",
            "index", "idx", "sid", "pid", "productid", "model", "batch", "lot", "points", "energy", "life", "area",
            // colours: Yeelight sends "rgb": "16711680"
            "rgb", "rgba", "argb", "color", "colour", "hsv", "hue", "ct");
    private static final Set<String> ACTOR_WORDS = Set.of("by");
    private static final String[] TIME_HAN = {"时间", "日期"};
    /** Every word above with all its meanings: one look-up per token instead of one per word list. */
    private static final Map<String, Integer> MEANINGS = meanings();

    private KeyVocabulary() {
    }

    /** The meanings of {@code key}, as a bit set of {@link #PERSON}, {@link #WIFI}, ... */
    public static int classify(String key) {
        int flags = 0;
        int n = key.length();
        int i = 0;
        String previous = null;
        while (i < n) {
            char c = key.charAt(i);
            if (isHan(c)) {
                int end = i;
                while (end < n && isHan(key.charAt(end))) end++;
                flags |= classifyHan(key.substring(i, end));
                previous = null;
                i = end;
            } else if (isAsciiAlnum(c)) {
                int end = tokenEnd(key, i);
                String token = lower(key, i, end);
                flags |= classifyWord(token);
                if (previous != null) flags |= classifyWord(previous + token);
                previous = token;
                i = end;
            } else {
                i++;
            }
        }
        return flags;
    }

    public static boolean is(String key, int flag) {
        return (classify(key) & flag) != 0;
    }

    /** The end of the token starting at {@code start}: at a separator, a Han character or a camelCase hump. */
    private static int tokenEnd(String key, int start) {
        int n = key.length();
        int i = start + 1;
        while (i < n) {
            char c = key.charAt(i);
            if (!isAsciiAlnum(c)) break;
            char p = key.charAt(i - 1);   // ASCII letters and digits only, as c
            boolean upper = c >= 'A' && c <= 'Z';
            if (upper && !(p >= 'A' && p <= 'Z')) break;
            // "IPAddress": the hump is before the upper case letter that starts a lower case run
            if (upper && i + 1 < n && Character.isLowerCase(key.charAt(i + 1))) break;
            i++;
        }
        return i;
    }

    private static int classifyWord(String token) {
        int flags = lookup(token);
        int end = token.length();
        while (end > 0 && Character.isDigit(token.charAt(end - 1))) end--;
        if (end > 0 && end < token.length()) flags |= lookup(token.substring(0, end));
        return flags;
    }

    private static int lookup(String w) {
        return MEANINGS.getOrDefault(w, 0);
    }

    private static Map<String, Integer> meanings() {
        Map<String, Integer> m = new HashMap<>();
        add(m, PERSON_WORDS, PERSON);
        add(m, WIFI_WORDS, WIFI | PERSON);
        add(m, MAC_WORDS, MAC);
        add(m, LOCATION_WORDS, LOCATION);
        add(m, VERSION_WORDS, VERSION);
        add(m, TIME_WORDS, TIME);
        add(m, SECRET_WORDS, SECRET);
        add(m, DIGEST_WORDS, DIGEST);
        add(m, SERIAL_WORDS, SERIAL);
        add(m, ACTOR_WORDS, ACTOR);
        return Map.copyOf(m);
    }

    private static void add(Map<String, Integer> m, Set<String> words, int flags) {
        for (String w : words) m.merge(w, flags, (a, b) -> a | b);
    }

    private static int classifyHan(String run) {
        int flags = 0;
        for (String t : PERSON_HAN) if (run.contains(t)) flags |= PERSON;
        for (String t : LOCATION_HAN) if (run.contains(t)) flags |= LOCATION | PERSON;
        for (String t : TIME_HAN) if (run.contains(t)) flags |= TIME;
        if (run.contains("版本") || run.contains("固件")) flags |= VERSION;
        if (run.contains("密码") || run.contains("密钥") || run.contains("令牌")) flags |= SECRET;
        return flags;
    }

    private static String lower(String s, int from, int to) {
        boolean hasUpper = false;
        for (int i = from; i < to && !hasUpper; i++) hasUpper = s.charAt(i) >= 'A' && s.charAt(i) <= 'Z';
        if (!hasUpper) return s.substring(from, to);
        char[] out = new char[to - from];
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            out[i - from] = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        }
        return new String(out);
    }

    private static boolean isAsciiAlnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static boolean isHan(char c) {
        return c >= '\u3400' && c <= '\u9fff';
    }
}
