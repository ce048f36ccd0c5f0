#!/usr/bin/python3
"""A load manager polling the wallbox until killed, for the charging heap benchmark: ten times a
second it reads state..signalled current (8092-8095), and once a second it writes the current
limit (8093), alternating 16 A and 10 A. Usage: load_manager.py tcp PORT | rtu DEVICE BAUD"""
import sys, time, logging
from pymodbus.client import ModbusTcpClient, ModbusSerialClient
from pymodbus.transaction import ModbusRtuFramer

logging.disable(logging.CRITICAL)
if sys.argv[1] == "tcp":
    c = ModbusTcpClient("127.0.0.1", port=int(sys.argv[2]), timeout=2)
else:
    c = ModbusSerialClient(port=sys.argv[2], framer=ModbusRtuFramer, baudrate=int(sys.argv[3]), parity="E", stopbits=1, bytesize=8, timeout=1, strict=False)
c.connect()
n = errors = 0
while True:
    rr = c.read_holding_registers(8092, 4, slave=1)
    errors += rr.isError()
    if n % 10 == 0:
        errors += c.write_register(8093, 160 if (n // 10) % 2 == 0 else 100, slave=1).isError()
    n += 1
    if n % 100 == 0: print(f"{n} {errors}", flush=True)
    time.sleep(0.1)
