#!/usr/bin/python3
"""Drives one simulated miIO device with Debian's python3-miio (0.5.0.1) and prints one JSON line.
Usage: /usr/bin/python3 python_miio_client.py <ip> <hex token> fan|plug"""
import json
import sys

from miio import Device
from miio.exceptions import DeviceError


def main():
    ip, token, kind = sys.argv[1:4]
    device = Device(ip, token)
    out = {}
    info = device.send("miIO.info", [])
    out["info"] = {"model": info["model"], "fw_ver": info["fw_ver"], "hasToken": isinstance(info.get("token"), str)}
    if kind == "fan":
        out["before"] = device.send("get_prop", ["power", "speed_level", "angle"])
        out["set"] = device.send("set_power", ["on"])
        out["after"] = device.send("get_prop", ["power"])
        try:
            device.send("set_speed_level", [500])
            out["badSet"] = "accepted"
        except DeviceError as e:
            out["badSet"] = {"code": e.args[0].get("code") if e.args and isinstance(e.args[0], dict) else None}
    else:
        did = str(int.from_bytes(device._protocol._device_id, "big"))
        out["before"] = device.send("get_properties", [{"did": did, "siid": 2, "piid": 1}])
        out["set"] = device.send("set_properties", [{"did": did, "siid": 2, "piid": 1, "value": True}])
        out["after"] = device.send("get_properties", [{"did": did, "siid": 2, "piid": 1}])
    print(json.dumps(out))


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # report, never a stack trace: the Java test asserts on this line
        print(json.dumps({"error": type(e).__name__ + ": " + str(e)}))
        sys.exit(1)
