using System.Collections;
using System.Text;
using PowerBrain.Firmware.Json;
using PowerBrain.Firmware.Ocpp;

namespace PowerBrain.Tests.Support;

/// <summary>A csChargingProfiles object as the backend sends it, read by the firmware's own parser.</summary>
public static class ProfileJson
{
    public static ChargingProfile Read(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var reader = new JsonReader();
        reader.Reset(bytes, 0, bytes.Length);
        reader.Read();
        return ChargingProfile.Read(new Payload((Hashtable)JsonDom.ReadValue(reader)));
    }
}
