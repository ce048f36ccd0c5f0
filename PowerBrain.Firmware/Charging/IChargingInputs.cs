namespace PowerBrain.Firmware.Charging
{
    /// <summary>Told by Modbus and OCPP that one of their inputs changed, so the current is decided
    /// again at once (on the core thread).</summary>
    public interface IInputsChanged
    {
        void InputsChanged();
    }
}
