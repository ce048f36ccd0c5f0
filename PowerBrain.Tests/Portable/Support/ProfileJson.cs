using System.Collections;
using System.Text;
using PowerBrain.Firmware.Json;
using PowerBrain.Firmware.Ocpp;

namespace PowerBrain.Tests.Support
{
    /// <summary>A csChargingProfiles object as the backend sends it, read by the firmware's own parser.</summary>
    public static class ProfileJson
    {
        public static ChargingProfile Read(string json)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(json);
            JsonReader reader = new JsonReader();
            reader.Reset(bytes, 0, bytes.Length);
            reader.Read();
            return ChargingProfile.Read(new Payload((Hashtable)JsonDom.ReadValue(reader)));
        }

        /// <summary>A TxDefaultProfile in amperes.</summary>
        public static string Profile(int id, int stackLevel, string kind, string extra, string periods, string schedule)
        {
            return "{\"chargingProfileId\":" + id + ",\"stackLevel\":" + stackLevel + ",\"chargingProfilePurpose\":\"TxDefaultProfile\",\"chargingProfileKind\":\"" + kind + "\"" + extra + "," +
                   "\"chargingSchedule\":{\"chargingRateUnit\":\"A\"" + schedule + ",\"chargingSchedulePeriod\":[" + periods + "]}}";
        }
    }
}
