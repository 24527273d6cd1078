#!/usr/bin/python3
"""A minimal miIO device (a legacy fan) built on python-miio's own packet code (miio.protocol.Message),
independent of Hearth's Java codec, for the driver's interoperability test.
Usage: /usr/bin/python3 miio_responder.py <ip> <port> <hex token> <decimal device id>
Prints 'ready' once listening; exits when its standard input closes."""
import datetime
import os
import socket
import sys
import threading
import time

from construct.core import ChecksumError
from miio.protocol import Message


def main():
    ip, port, token_hex, did = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
    token = bytes.fromhex(token_hex)
    did_bytes = did.to_bytes(4, "big")
    boot = time.time() - 700
    state = {"power": "off", "speed_level": 40, "natural_level": 0, "angle": 90, "angle_enable": "on",
             "child_lock": "off", "buzzer": "off", "led_b": 0, "temp_dec": 198, "humidity": 51}
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind((ip, port))
    threading.Thread(target=lambda: (sys.stdin.read(), os._exit(0)), daemon=True).start()
    print("ready", flush=True)

    while True:
        data, addr = sock.recvfrom(4096)
        stamp = int(time.time() - boot)
        if len(data) == 32:
            reply = bytes.fromhex("21310020") + bytes(4) + did_bytes + stamp.to_bytes(4, "big") + bytes(16)
            sock.sendto(reply, addr)
            continue
        try:
            request = Message.parse(data, token=token).data.value
        except ChecksumError:
            continue  # a real device ignores what it cannot authenticate
        if not isinstance(request, dict):
            continue
        method, params, rid = request.get("method"), request.get("params", []), request.get("id")
        if method == "miIO.info":
            result = {"model": "zhimi.fan.sa1", "fw_ver": "2.0.9_0036", "hw_ver": "esp32", "mac": "64:90:C1:00:00:01",
                      "token": token_hex, "ap": {"ssid": "python", "bssid": "02:00:00:00:00:02", "rssi": -61},
                      "netif": {"localIp": ip, "mask": "255.0.0.0", "gw": "127.0.0.1"}}
            body = {"id": rid, "result": result}
        elif method == "get_prop":
            body = {"id": rid, "result": [state.get(name, "") for name in params]}
        elif method and method.startswith("set_") and method[4:] in state and len(params) == 1:
            state[method[4:]] = params[0]
            body = {"id": rid, "result": ["ok"]}
        else:
            body = {"id": rid, "error": {"code": -32601, "message": "Method not found."}}
        header = {"length": 0, "unknown": 0, "device_id": did_bytes, "ts": datetime.datetime.utcfromtimestamp(stamp)}
        sock.sendto(Message.build({"data": {"value": body}, "header": {"value": header}, "checksum": 0}, token=token), addr)
        print("handled " + method, flush=True)


if __name__ == "__main__":
    main()
