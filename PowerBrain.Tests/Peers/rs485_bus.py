#!/usr/bin/python3
"""A shared RS485 bus made of ptys. Device 0 is the wallbox (its pty path is printed): it hears
everything on the line, the master's requests to every unit and the other slave's replies, as on a
real two-wire bus. Device 1 is a second, real slave: pymodbus serving unit OTHER on its own pty. It
hears the master's requests but not the wallbox's replies, because pymodbus 3.0's RTU framer does
not resynchronise after hearing another slave's reply (measured: it then answers 1 request in 40). This script is the master: after a line "go" on
stdin it alternates requests between the wallbox (unit 1) and the other slave with GAP ms between
the end of one exchange and the next request, and prints one JSON line with what was answered and
how long each reply of the wallbox took to start after the request's last byte.
Usage: rs485_bus.py ROUNDS GAP_MS [OTHER]"""
import json, os, select, struct, sys, threading, time, tty, logging

logging.disable(logging.CRITICAL)
rounds, gap_ms = int(sys.argv[1]), float(sys.argv[2])
other = int(sys.argv[3]) if len(sys.argv) > 3 else 2

def crc16(data):
    crc = 0xFFFF
    for b in data:
        crc ^= b
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
    return struct.pack("<H", crc)

def frame(unit, function, address, value):
    body = struct.pack(">BBHH", unit, function, address, value)
    return body + crc16(body)

def open_device():
    master, slave = os.openpty()
    tty.setraw(master)
    tty.setraw(slave)
    return master, slave, os.ttyname(slave)

box_master, box_slave, box_path = open_device()
other_master, other_slave, other_path = open_device()
devices = [box_master, other_master]
heard = bytearray()          # what the master hears on the bus
heard_at = []                # (time of arrival, byte count)
lock = threading.Condition()

def relay():
    while True:
        ready, _, _ = select.select(devices, [], [])
        now = time.perf_counter()
        for fd in ready:
            data = os.read(fd, 512)
            if fd == other_master:
                os.write(box_master, data)
            with lock:
                heard.extend(data)
                heard_at.append((now, len(data)))
                lock.notify_all()

def send(data):
    for fd in devices:
        os.write(fd, data)
    return time.perf_counter()

def receive(length, timeout):
    """The next length bytes the master hears, and when the first of them arrived."""
    deadline = time.perf_counter() + timeout
    with lock:
        while len(heard) < length:
            left = deadline - time.perf_counter()
            if left <= 0:
                got = bytes(heard); heard.clear(); heard_at.clear()
                return got, None
            lock.wait(left)
        first = heard_at[0][0] if heard_at else None
        got = bytes(heard[:length]); del heard[:length]; heard_at.clear()
        return got, first

def serve_other():
    from pymodbus.server import StartSerialServer
    from pymodbus.transaction import ModbusRtuFramer
    from pymodbus.datastore import ModbusSequentialDataBlock, ModbusSlaveContext, ModbusServerContext
    store = ModbusSlaveContext(hr=ModbusSequentialDataBlock(0, list(range(200))), zero_mode=True)
    context = ModbusServerContext(slaves={other: store}, single=False)
    StartSerialServer(context=context, framer=ModbusRtuFramer, port=other_path, baudrate=19200,
                      bytesize=8, parity="N", stopbits=1, timeout=0.005)

threading.Thread(target=relay, daemon=True).start()
threading.Thread(target=serve_other, daemon=True).start()
print("ready " + box_path, flush=True)
sys.stdin.readline()
time.sleep(0.5)

result = {"box": 0, "boxAnswered": 0, "other": 0, "otherAnswered": 0, "latencyMs": [], "bad": []}
for i in range(rounds):
    for unit in (other, 1):
        request = frame(unit, 3, 10 if unit == other else 8094, 2 if unit == other else 1)
        expected = 5 + (4 if unit == other else 2)
        with lock:
            heard.clear(); heard_at.clear()
        sent_at = send(request)
        reply, first = receive(expected, 1.0)
        key = "box" if unit == 1 else "other"
        result[key] += 1
        if len(reply) == expected and reply[0] == unit and reply[1] == 3 and crc16(reply[:-2]) == reply[-2:]:
            result[key + "Answered"] += 1
            if unit == 1 and first is not None:
                result["latencyMs"].append(round((first - sent_at) * 1000, 2))
        else:
            result["bad"].append("%s %d: %s" % (key, i, reply.hex()))
        time.sleep(gap_ms / 1000.0)
print(json.dumps(result), flush=True)
