namespace PowerBrain.Firmware.Hal
{
    /// <summary>The main contactor (and the phase-switch relay where fitted), with feedback.</summary>
    public interface IContactor
    {
        void SetClosed(bool closed);

        /// <summary>What the auxiliary contact reports; equals the command when no feedback is wired.</summary>
        bool FeedbackClosed { get; }

        /// <summary>Selects 1 or 3 phases; only called with the contactor open.</summary>
        void SetPhases(int phases);

        bool CanSwitchPhases { get; }
    }
}
