namespace PowerBrain.Firmware.Json
{
    public enum JsonToken
    {
        None = 0,
        StartObject,
        EndObject,
        StartArray,
        EndArray,
        PropertyName,
        String,
        Number,
        True,
        False,
        Null,
        EndOfInput,
    }
}
