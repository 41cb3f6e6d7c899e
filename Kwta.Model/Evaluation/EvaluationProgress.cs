namespace Kwta.Model.Evaluation;

/// <summary>Reported after every batch: how far the evaluation is and the robust accuracy so far.</summary>
public sealed record EvaluationProgress(int ImagesDone, int Images, double RobustAccuracySoFar);
