using System;
using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Hal;

namespace PowerBrain.Firmware.Json
{
    /// <summary>Something kept as one JSON file on flash.</summary>
    public interface IFlashFile
    {
        /// <summary>Reads the stored JSON (the reader is set on the whole file); throws when anything is wrong.</summary>
        void ReadStored(JsonReader r, byte[] blob);

        /// <summary>After a file that could not be read: back to what an absent file gives, where a
        /// half-read state would be wrong.</summary>
        void ForgetStored();
    }

    /// <summary>
    /// The one policy for JSON files on flash. Reading: a file that does not read is kept as
    /// NAME.bad (the latest such copy) for inspection, logged once as an error with what the box
    /// does instead, and the owner's ForgetStored decides what stays. Writing goes through
    /// <see cref="IStorage.Write"/>, which each board makes atomic (a temporary file, then a rename),
    /// so a power cut leaves the old file or the new one.
    /// </summary>
    public static class FlashFile
    {
        public const string BadSuffix = ".bad";

        /// <summary>Reads NAME into <paramref name="file"/>; true when it was there and read whole.</summary>
        /// <param name="instead">What the box does when it cannot be read, for the log.</param>
        public static bool Load(IStorage storage, string name, Logger log, string source, string instead, IFlashFile file)
        {
            byte[] blob = storage.Read(name);
            if (blob == null) return false;
            try
            {
                JsonReader r = new JsonReader();
                r.Reset(blob, 0, blob.Length);
                file.ReadStored(r, blob);
                return true;
            }
            catch (Exception e)
            {
                file.ForgetStored();
                storage.Write(name + BadSuffix, blob, 0, blob.Length);
                log.Error(source, name + " unreadable (" + Failure.Describe(e) + "); kept as " + name + BadSuffix + "; " + instead);
                return false;
            }
        }

        /// <summary>Writes what <paramref name="json"/> holds as NAME.</summary>
        public static void Save(IStorage storage, string name, JsonWriter json)
        {
            storage.Write(name, json.Buffer, 0, json.Length);
        }
    }
}
