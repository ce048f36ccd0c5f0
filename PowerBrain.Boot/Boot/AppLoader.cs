using System;
using System.Reflection;
using PowerBrain.Firmware.Hal;

namespace PowerBrain.Firmware.Boot
{
    /// <summary>
    /// What the boot program does at every start: count the start and switch or roll back the
    /// application's files (AppSlots), load the installed version's assemblies from flash with
    /// Assembly.Load(byte[]) in the package's order, and call the entry method (public, static, no
    /// arguments) of the entry type. The entry normally never returns.
    /// </summary>
    public static class AppLoader
    {
        public const string NoneInstalled = "no installed version";

        /// <summary>Returns false with the reason when no installed version could be started: none is
        /// installed, a file is missing, an assembly does not load, or the entry is not there. The start
        /// was counted either way, so a version that cannot load is rolled back after MaxBootAttempts.</summary>
        public static bool Run(IStorage storage, string entryType, string entryMethod, out string error)
        {
            AppSlots slots = new AppSlots(storage);
            slots.Start();
            if (slots.Note.Length > 0) Console.WriteLine("boot: " + slots.Note);
            string[] files = slots.Files;
            if (files.Length == 0) { error = NoneInstalled; return false; }
            Type entry = null;
            for (int i = 0; i < files.Length; i++)
            {
                byte[] image = storage.Read("app." + files[i]);
                if (image == null) { error = "app." + files[i] + " is missing"; return false; }
                Assembly loaded;
                try { loaded = Assembly.Load(image); }
                catch (Exception e) { error = files[i] + " of version " + slots.Running + " does not load (" + e.GetType().Name + ")"; return false; }
                if (entry == null) entry = loaded.GetType(entryType);
            }
            return Invoke(entry, entryType, entryMethod, out error);
        }

        /// <summary>Starts the entry of an assembly deployed with the image (the factory version).</summary>
        public static bool RunDeployed(string assemblyName, string entryType, string entryMethod, out string error)
        {
            Type entry;
            try { entry = Assembly.Load(assemblyName).GetType(entryType); }
            catch (Exception e) { error = assemblyName + " is not deployed (" + e.GetType().Name + ")"; return false; }
            return Invoke(entry, entryType, entryMethod, out error);
        }

        static bool Invoke(Type entry, string entryType, string entryMethod, out string error)
        {
            MethodInfo method = entry == null ? null : entry.GetMethod(entryMethod);
            if (method == null) { error = entryType + "." + entryMethod + " not found"; return false; }
            error = null;
            method.Invoke(null, null);
            return true;
        }
    }
}
