namespace Kwta.Model.Claims;

/// <summary>What a claim check is decided on: cells of the result tables, or, for C5 and C6, a measurement of its own.</summary>
public enum ClaimMeasurement { TableCells, TrainingLogs, FineTuneEpoch, Benchmark }
