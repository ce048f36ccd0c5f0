#!/usr/bin/python3
"""A pymodbus TCP server holding the same register block as the wallbox (8000..8113), for the
throughput comparison in the Modbus benchmark. Usage: pymodbus_server.py PORT"""
import sys, logging
from pymodbus.server import StartTcpServer
from pymodbus.datastore import ModbusSequentialDataBlock, ModbusSlaveContext, ModbusServerContext

logging.disable(logging.CRITICAL)
block = ModbusSequentialDataBlock(8000, [0] * 114)
store = ModbusSlaveContext(hr=block, ir=block, zero_mode=True)
context = ModbusServerContext(slaves=store, single=True)
StartTcpServer(context=context, address=("127.0.0.1", int(sys.argv[1])))
