using System;
using System.Net.NetworkInformation;
using System.Threading;
using nanoFramework.Networking;
using PowerBrain.Firmware;
using PowerBrain.Firmware.Config;
using PowerBrain.Firmware.Web;

namespace PowerBrain.Esp32
{
    /// <summary>
    /// The device entry point: choose the board, join Wi-Fi (or open the set-up access point on a
    /// first boot), then run the wallbox. The core loop owns the main thread.
    /// </summary>
    public static class Program
    {
        const string SetupSsid = "PowerBrain-Setup";

        /// <summary>Deployed directly (no boot program): the wallbox switches and counts its own starts.</summary>
        public static void Main() { Run(false); }

        /// <summary>Called by the boot program (boards/esp32-boot), which has already switched to a
        /// staged version and counted this start.</summary>
        public static void Booted() { Run(true); }

        static void Run(bool countedByBoot)
        {
            BoardDefinition definition = Boards.WroverReference.Create();
            if (!definition.IsValid)
            {
                // A wrong pin map could drive the contactor pin as something else: touch no pin.
                System.Diagnostics.Debug.WriteLine("board map '" + definition.Name + "' refused:\n" + definition.Errors);
                Thread.Sleep(Timeout.Infinite);
            }
            Esp32Board board = new Esp32Board(definition, SerialFromMac());
            WallboxOptions options = new WallboxOptions();
            options.StartCountedByBoot = countedByBoot;
            Wallbox box = new Wallbox(board, options);
            WebSite site = new WebSite(box, null);
            LogNativeMemory(box);
            if (definition.Network == "ethernet") JoinEthernet(box);
            else JoinNetwork(box);
            box.Start(site.App);
            box.Core.Run();
        }

        /// <summary>Boards with an Ethernet PHY (its type is part of the nanoCLR image): DHCP, and
        /// the clock from SNTP before OCPP starts.</summary>
        static void JoinEthernet(Wallbox box)
        {
            CancellationTokenSource cts = new CancellationTokenSource(60000);
            bool ok = NetworkHelper.SetupAndConnectNetwork(cts.Token, true);
            box.Log.Info("net", ok ? "Ethernet up" : "Ethernet not up yet; the stack keeps trying");
        }

        static void LogNativeMemory(Wallbox box)
        {
            uint total, free, largest;
            nanoFramework.Hardware.Esp32.NativeMemory.GetMemoryInfo(nanoFramework.Hardware.Esp32.NativeMemory.MemoryType.All, out total, out free, out largest);
            box.Log.Info("memory", "native heap " + free / 1024 + " of " + total / 1024 + " KiB free, largest block " + largest / 1024 + " KiB; managed free " + box.Board.System.FreeManagedBytes() / 1024 + " KiB");
        }

        /// <summary>Joins the configured Wi-Fi (the clock comes from SNTP before it returns, later
        /// from the OCPP boot reply); without one (or when it fails on a first boot) the
        /// box opens its own access point so the installer can reach the page at 192.168.4.1.</summary>
        static void JoinNetwork(Wallbox box)
        {
            string ssid = box.Settings.GetText(SettingsCatalog.WifiSsid);
            if (ssid.Length > 0)
            {
                CancellationTokenSource cts = new CancellationTokenSource(60000);
                bool ok = WifiNetworkHelper.ConnectDhcp(ssid, box.Settings.GetText(SettingsCatalog.WifiPassword),
                                                        System.Device.Wifi.WifiReconnectionKind.Automatic, true, 0, cts.Token);
                box.Log.Info("net", ok ? "joined Wi-Fi " + ssid : "could not join Wi-Fi " + ssid + "; retrying in the background");
                if (ok) return;
            }
            WirelessAPConfiguration[] aps = WirelessAPConfiguration.GetAllWirelessAPConfigurations();
            if (aps.Length == 0) return;
            WirelessAPConfiguration ap = aps[0];
            if (ap.Ssid != SetupSsid || (ap.Options & WirelessAPConfiguration.ConfigurationOptions.Enable) == 0)
            {
                ap.Ssid = SetupSsid;
                ap.Password = "";
                ap.Authentication = AuthenticationType.Open;
                ap.MaxConnections = 1;
                ap.Options = WirelessAPConfiguration.ConfigurationOptions.Enable | WirelessAPConfiguration.ConfigurationOptions.AutoStart;
                ap.SaveConfiguration();
                box.Log.Warning("net", "no Wi-Fi configured: set-up access point " + SetupSsid + " enabled, restarting");
                box.Reboot();
            }
            box.Log.Warning("net", "set-up access point " + SetupSsid + " is open: browse to http://192.168.4.1/");
        }

        /// <summary>The serial number: "PB-" and the Wi-Fi MAC address in hex.</summary>
        static string SerialFromMac()
        {
            NetworkInterface[] nics = NetworkInterface.GetAllNetworkInterfaces();
            if (nics.Length == 0) return "PB-UNKNOWN";
            byte[] mac = nics[0].PhysicalAddress;
            return "PB-" + PowerBrain.Firmware.Core.Hex.Encode(mac, 0, mac.Length, true);
        }
    }
}
