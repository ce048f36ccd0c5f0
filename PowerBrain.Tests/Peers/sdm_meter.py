#!/usr/bin/python3
"""An Eastron SDM630/SDM120-like energy meter served by pymodbus as a Modbus RTU slave, for the
wallbox's meter master. Input registers hold IEEE-754 floats, high word first.
Usage: sdm_meter.py DEVICE ADDRESS V1 V2 V3 I1 I2 I3 POWER_W IMPORT_KWH"""
import sys, struct, logging
from pymodbus.server import StartSerialServer
from pymodbus.transaction import ModbusRtuFramer
from pymodbus.datastore import ModbusSequentialDataBlock, ModbusSlaveContext, ModbusServerContext

logging.disable(logging.CRITICAL)
device, address = sys.argv[1], int(sys.argv[2])
v1, v2, v3, i1, i2, i3, power, kwh = (float(x) for x in sys.argv[3:11])

registers = [0] * 0x60
def put(register, value):
    high, low = struct.unpack(">HH", struct.pack(">f", value))
    registers[register], registers[register + 1] = high, low

for register, value in ((0x00, v1), (0x02, v2), (0x04, v3), (0x06, i1), (0x08, i2), (0x0A, i3),
                        (0x0C, power), (0x34, power), (0x48, kwh)):
    put(register, value)

store = ModbusSlaveContext(ir=ModbusSequentialDataBlock(0, registers), zero_mode=True)
context = ModbusServerContext(slaves={address: store}, single=False)
print("ready", flush=True)
StartSerialServer(context=context, framer=ModbusRtuFramer, port=device, baudrate=9600,
                  bytesize=8, parity="N", stopbits=1, timeout=0.05)
