using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using PowerBrain.Firmware;
using PowerBrain.Firmware.Core;

namespace PowerBrain.Bench;

/// <summary>
/// What the firmware itself keeps alive, room by room: every object reachable from the Wallbox
/// (and the firmware's static tables), stopping at the board (the emulator's adapters and simulated
/// hardware; the device has its own) and at desktop runtime objects (threads, sockets, types).
/// Sizes are given twice: as .NET lays objects out on 64-bit, and as nanoFramework does, where
/// every object header, field and reference-array element is a 12-byte heap block and byte arrays
/// and strings are packed (strings as UTF-8). The second is an estimate of the device heap, not a
/// measurement on a board.
/// </summary>
public static class HeapEstimate
{
    public sealed class Room
    {
        public string Name;
        public long Desktop64;
        public long NanoFramework;
        public int Objects;
        /// <summary>For the static tables: the ones above half a KiB.</summary>
        public readonly List<string> Largest = new();
    }

    /// <summary>Walks the wallbox under the core loop's lock, so nothing changes meanwhile.</summary>
    public static List<Room> Measure(Wallbox box, object webSite = null)
    {
        var walk = new Walk(box, webSite);
        box.Core.Invoke(walk);
        return walk.Rooms;
    }

    public static void Print(string title, List<Room> rooms)
    {
        Console.WriteLine(title);
        foreach (var r in rooms.Where(r => r.Objects > 0))
        {
            Console.WriteLine($"  {r.Name,-28} {r.Objects,6} objects {r.Desktop64 / 1024.0,8:F1} KiB on 64-bit .NET {r.NanoFramework / 1024.0,8:F1} KiB as nanoFramework heap blocks");
            if (r.Largest.Count > 0) Console.WriteLine("      of which " + string.Join(", ", r.Largest));
        }
        Console.WriteLine($"  {"total",-28} {rooms.Sum(r => r.Objects),6} objects {rooms.Sum(r => r.Desktop64) / 1024.0,8:F1} KiB on 64-bit .NET {rooms.Sum(r => r.NanoFramework) / 1024.0,8:F1} KiB as nanoFramework heap blocks");
    }

    sealed class Walk : ICoreWork
    {
        readonly Wallbox _box;
        readonly object _site;
        readonly HashSet<object> _seen = new(ReferenceEqualityComparer.Instance);
        public readonly List<Room> Rooms = new();

        public Walk(Wallbox box, object site) { _box = box; _site = site; }

        public void Run()
        {
            _seen.Add(_box.Board);
            // Each field of the wallbox is a room; what two rooms share counts in the first, so the
            // small shared parts go first and the core loop (which reaches everything) last.
            string[] order = { "Log", "Settings", "Status", "Modbus", "Ocpp", "Energy", "Charging", "ModbusSlave", "_modbusTcp", "_modbusRtu", "OcppClient", "Web", "_watchdog", "_options", "Core" };
            var fields = Fields(typeof(Wallbox)).Where(f => !f.FieldType.IsValueType).OrderBy(f => Array.IndexOf(order, f.Name) < 0 ? 99 : Array.IndexOf(order, f.Name));
            // Every room's root is a boundary for the others: a reference to the core loop from the
            // Modbus server does not make the core loop part of Modbus.
            var roots = fields.Select(f => (f.Name, Value: f.GetValue(_box))).Where(r => r.Value != null).ToList();
            // The web site is built on the wallbox by the board: its own room, before the core loop.
            if (_site != null) roots.Insert(roots.FindIndex(r => r.Name == "Core") is var i && i >= 0 ? i : roots.Count, ("Web", _site));
            foreach (var r in roots) _seen.Add(r.Value);
            foreach (var (name, value) in roots)
            {
                var room = new Room { Name = name.TrimStart('_') };
                _seen.Remove(value);
                VisitByField(value, room);
                Rooms.Add(room);
            }
            var statics = new Room { Name = "static tables" };
            foreach (var t in typeof(Wallbox).Assembly.GetTypes().Where(t => !t.IsGenericTypeDefinition))
            {
                try { RuntimeHelpers.RunClassConstructor(t.TypeHandle); } catch (TypeInitializationException) { }
                foreach (var f in t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic).Where(f => !f.IsLiteral))
                {
                    long before = statics.NanoFramework;
                    Visit(f.GetValue(null), statics);
                    if (statics.NanoFramework - before > 512) statics.Largest.Add($"{t.Name}.{f.Name} {(statics.NanoFramework - before) / 1024.0:F1} KiB");
                }
            }
            Rooms.Add(statics);
            var wallbox = new Room { Name = "Wallbox object" };
            Count(_box, wallbox);
            Rooms.Add(wallbox);
        }

        /// <summary>A room's root, then each of its fields in turn, naming the fields over 1 KiB.</summary>
        void VisitByField(object root, Room room)
        {
            if (Outside(root.GetType()) || !_seen.Add(root)) return;
            Count(root, room);
            foreach (var f in Fields(root.GetType()).Where(f => !f.FieldType.IsValueType))
            {
                long before = room.NanoFramework;
                Visit(f.GetValue(root), room);
                long added = room.NanoFramework - before;
                if (added > 1024) room.Largest.Add($"{f.Name.TrimStart('_')} {added / 1024.0:F1} KiB");
            }
        }

        void Visit(object root, Room room)
        {
            var stack = new Stack<object>();
            if (root != null) stack.Push(root);
            while (stack.Count > 0)
            {
                var o = stack.Pop();
                if (!_seen.Add(o) || Outside(o.GetType())) continue;
                Count(o, room);
                if (o is string) continue;
                if (o is Array a)
                {
                    if (!a.GetType().GetElementType()!.IsValueType)
                        foreach (var e in a) if (e != null) stack.Push(e);
                    continue;
                }
                if (o is Delegate d) { if (d.Target != null) stack.Push(d.Target); continue; }
                foreach (var f in Fields(o.GetType()))
                    if (!f.FieldType.IsValueType || !f.FieldType.IsPrimitive)
                    {
                        var v = f.GetValue(o);
                        if (v != null && !v.GetType().IsValueType) stack.Push(v);
                    }
            }
        }

        /// <summary>The board's own objects and the desktop runtime's are not the firmware's.</summary>
        static bool Outside(Type t)
        {
            string ns = t.Namespace ?? "";
            return ns.StartsWith("PowerBrain.Emulator") || typeof(System.Threading.Thread).IsAssignableFrom(t)
                || typeof(MemberInfo).IsAssignableFrom(t) || ns.StartsWith("System.Net") || ns.StartsWith("System.IO")
                || ns.StartsWith("System.Threading") && !(t == typeof(System.Threading.AutoResetEvent))
                || ns.StartsWith("System.Security.Cryptography") || ns.StartsWith("System.Globalization");
        }

        static void Count(object o, Room room)
        {
            room.Objects++;
            switch (o)
            {
                case string s:
                    room.Desktop64 += Align(22 + 2L * s.Length);
                    room.NanoFramework += 12 + Align4(System.Text.Encoding.UTF8.GetByteCount(s) + 1);
                    return;
                case Array a:
                    var et = a.GetType().GetElementType()!;
                    int size = et.IsValueType ? (et == typeof(bool) ? 1 : et.IsPrimitive ? System.Runtime.InteropServices.Marshal.SizeOf(et) : 8) : 8;
                    room.Desktop64 += Align(24 + (long)size * a.Length);
                    room.NanoFramework += 12 + (et.IsPrimitive ? Align4((long)size * a.Length) : 12L * a.Length);
                    return;
            }
            var fields = Fields(o.GetType()).ToList();
            long bytes = 16;
            foreach (var f in fields) bytes += f.FieldType.IsPrimitive ? System.Runtime.InteropServices.Marshal.SizeOf(f.FieldType == typeof(bool) ? typeof(byte) : f.FieldType == typeof(char) ? typeof(short) : f.FieldType) : 8;
            room.Desktop64 += Align(bytes);
            room.NanoFramework += 12L * (1 + fields.Count);
        }

        static long Align(long n) => (n + 7) & ~7L;
        static long Align4(long n) => (n + 3) & ~3L;

        static IEnumerable<FieldInfo> Fields(Type t)
        {
            for (; t != null && t != typeof(object); t = t.BaseType)
                foreach (var f in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                    yield return f;
        }
    }
}
