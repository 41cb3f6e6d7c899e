namespace Kwta.Model.Training;

/// <summary>Adversarial training lost its PGD robustness within an epoch; the previous epoch's checkpoint is kept.</summary>
public sealed class CatastrophicOverfittingException(string message) : Exception(message);
