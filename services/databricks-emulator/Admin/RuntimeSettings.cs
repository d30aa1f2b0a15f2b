using Microsoft.Extensions.Options;

namespace GenieCanvas.DatabricksEmulator.Admin;

/// <summary>
/// The knobs tests turn while the emulator runs (<c>GET|PATCH /_emulator/settings</c>); they start from, and
/// <c>POST /_emulator/reset</c> returns them to, the configured <see cref="EmulatorOptions"/>.
/// </summary>
public sealed class RuntimeSettings(IOptions<EmulatorOptions> options)
{
    private volatile int _genieStepMs = options.Value.GenieStepMs;
    private volatile bool _dataRoomsEnabled = options.Value.DataRoomsEnabled;

    public TimeSpan GenieStep => TimeSpan.FromMilliseconds(_genieStepMs);

    public bool DataRoomsEnabled => _dataRoomsEnabled;

    public SettingsReply Snapshot() => new(_genieStepMs, _dataRoomsEnabled);

    public void Apply(SettingsRequest request)
    {
        if (request.GenieStepMs is { } step)
        {
            _genieStepMs = step;
        }
        if (request.DataRoomsEnabled is { } enabled)
        {
            _dataRoomsEnabled = enabled;
        }
    }

    public void Reset()
    {
        _genieStepMs = options.Value.GenieStepMs;
        _dataRoomsEnabled = options.Value.DataRoomsEnabled;
    }
}
