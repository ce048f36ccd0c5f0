#!/usr/bin/python3
"""An evcc-like load manager session against the wallbox, with pymodbus as the master.

It does what evcc's cfos driver does: probe 8112, 8057 and 8113 once, then every cycle read the
state (8092) and enable (8094), write the current limit (8093) in 0.1 A steps, toggle enable now
and then, and read power (8062), energy (8058) and the phase currents (8064). One persistent
connection, unit id 1. Prints one line per failed check and a summary; exits 1 on any failure.
"""
import sys, time
from pymodbus.client import ModbusTcpClient

port, cycles = int(sys.argv[1]), int(sys.argv[2])
c = ModbusTcpClient("127.0.0.1", port=port, timeout=2)
if not c.connect():
    print("cannot connect"); sys.exit(1)
failures = []
def read(addr, count):
    rr = c.read_holding_registers(addr, count, slave=1)
    if rr.isError():
        failures.append(f"read {addr}x{count}: {rr}")
        return [0] * count
    return rr.registers
def write(addr, value):
    rr = c.write_register(addr, value, slave=1)
    if rr.isError():
        failures.append(f"write {addr}={value}: {rr}")

has_meter = read(8112, 1)[0]
meter_flags = read(8057, 1)[0]
phase_switch = (read(8113, 1)[0] & 0x100) != 0
states, energies, signalled = set(), [], set()
enabled = 1
for i in range(cycles):
    state = read(8092, 1)[0] & 0xFF
    en = read(8094, 1)[0] & 0xFF
    states.add(state)
    if en != enabled: failures.append(f"cycle {i}: 8094 reads {en}, wrote {enabled}")
    limit = 60 + (i * 7) % 101          # 6.0 .. 16.0 A in 0.1 A steps
    write(8093, limit)
    back = read(8093, 1)[0]
    if back != limit: failures.append(f"cycle {i}: 8093 reads {back}, wrote {limit}")
    if i % 10 == 9:
        enabled = 1 - enabled
        write(8094, enabled)
    p = read(8062, 2); e = read(8058, 4); cur = read(8064, 6)
    energy = (e[0] << 48) | (e[1] << 32) | (e[2] << 16) | e[3]
    if energy == 0: failures.append(f"cycle {i}: energy register is 0")
    energies.append(energy)
    signalled.add(read(8095, 1)[0])
    time.sleep(0.1)
write(8094, 1)
c.close()
for f in failures: print("FAIL", f)
print(f"summary has_meter={has_meter} meter_flags={meter_flags} phase_switch={phase_switch} "
      f"states={sorted(states)} energy_first={energies[0]} energy_last={energies[-1]} "
      f"signalled={sorted(signalled)} failures={len(failures)}")
sys.exit(1 if failures else 0)
