using System;
using System.Collections;
using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Json;

namespace PowerBrain.Firmware.Ocpp
{
    /// <summary>Typed, checked access to a CALL payload. A wrong type, a missing required field or
    /// a bad value throws the OcppException that becomes the CALLERROR.</summary>
    public sealed class Payload
    {
        readonly Hashtable _fields;

        public Payload(Hashtable fields) { _fields = fields; }

        public bool Has(string name) { return _fields.Contains(name); }

        object Required(string name)
        {
            object v = _fields[name];
            if (v == null) throw new OcppException(OcppErrorCode.OccurenceConstraintViolation, name + " is required");
            return v;
        }

        public string String(string name, int maxLength, bool required)
        {
            object v = required ? Required(name) : _fields[name];
            if (v == null) return null;
            string s = v as string;
            if (s == null) throw new OcppException(OcppErrorCode.TypeConstraintViolation, name + " must be a string");
            if (s.Length > maxLength) throw new OcppException(OcppErrorCode.PropertyConstraintViolation, name + " is longer than " + maxLength);
            return s;
        }

        /// <summary>An integer field; `absent` when it is optional and missing.</summary>
        public int Int(string name, bool required, int absent)
        {
            object v = required ? Required(name) : _fields[name];
            if (v == null) return absent;
            JsonNumber n = v as JsonNumber;
            if (n == null || !n.IsWhole) throw new OcppException(OcppErrorCode.TypeConstraintViolation, name + " must be an integer");
            long whole = n.Milli / 1000;
            if (whole > int.MaxValue || whole < int.MinValue) throw new OcppException(OcppErrorCode.PropertyConstraintViolation, name + " is out of range");
            return (int)whole;
        }

        /// <summary>A decimal field in tenths (13.3 → 133), rounded; `absent` when missing.</summary>
        public long Tenths(string name, bool required, long absent)
        {
            object v = required ? Required(name) : _fields[name];
            if (v == null) return absent;
            JsonNumber n = v as JsonNumber;
            if (n == null) throw new OcppException(OcppErrorCode.TypeConstraintViolation, name + " must be a number");
            long m = n.Milli;
            return m >= 0 ? (m + 50) / 100 : (m - 50) / 100;
        }

        public bool Bool(string name, bool required, bool absent)
        {
            object v = required ? Required(name) : _fields[name];
            if (v == null) return absent;
            if (!(v is bool)) throw new OcppException(OcppErrorCode.TypeConstraintViolation, name + " must be true or false");
            return (bool)v;
        }

        public DateTime Time(string name, bool required, DateTime absent)
        {
            string s = String(name, 40, required);
            if (s == null) return absent;
            DateTime t;
            if (!Iso8601.TryParse(s, out t)) throw new OcppException(OcppErrorCode.PropertyConstraintViolation, name + " is not an ISO 8601 time");
            return t;
        }

        /// <summary>A string that must be one of the given values.</summary>
        public string Enum(string name, string[] allowed, bool required)
        {
            string s = String(name, 64, required);
            if (s == null) return null;
            for (int i = 0; i < allowed.Length; i++) if (allowed[i] == s) return s;
            throw new OcppException(OcppErrorCode.PropertyConstraintViolation, name + " has an unknown value");
        }

        public Payload Object(string name, bool required)
        {
            object v = required ? Required(name) : _fields[name];
            if (v == null) return null;
            Hashtable h = v as Hashtable;
            if (h == null) throw new OcppException(OcppErrorCode.TypeConstraintViolation, name + " must be an object");
            return new Payload(h);
        }

        public ArrayList Array(string name, bool required)
        {
            object v = required ? Required(name) : _fields[name];
            if (v == null) return null;
            ArrayList a = v as ArrayList;
            if (a == null) throw new OcppException(OcppErrorCode.TypeConstraintViolation, name + " must be an array");
            return a;
        }
    }
}
