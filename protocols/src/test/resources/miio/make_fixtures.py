#!/usr/bin/python3
"""Writes the golden miIO packets used by MiioPacketCodecGoldenTest, with python-miio's own
protocol code (Debian python3-miio 0.5.0.1), independent of Hearth's Java codec.
Run from this folder: /usr/bin/python3 make_fixtures.py"""
import datetime
from miio.protocol import Message

TOKEN = bytes.fromhex("00112233445566778899aabbccddeeff")
DEVICE_ID = bytes.fromhex("0a1b2c3d")
STAMP = datetime.datetime.utcfromtimestamp(0x5f5e1)


def packet(payload):
    header = {"length": 0, "unknown": 0, "device_id": DEVICE_ID, "ts": STAMP}
    return Message.build({"data": {"value": payload}, "header": {"value": header}, "checksum": 0}, token=TOKEN)


fixtures = {
    "request.hex": packet({"id": 1, "method": "get_prop", "params": ["power", "speed_level"]}),
    "reply.hex": packet({"id": 1, "result": ["on", 42]}),
    "error-reply.hex": packet({"id": 7, "error": {"code": -5001, "message": "command argument error"}}),
}
for name, data in fixtures.items():
    with open(name, "w") as f:
        f.write(data.hex() + "\n")
