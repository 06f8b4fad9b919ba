export { main, helpText } from './cli/main';
export type { Command, CommandIo, ParsedArgs, Runnable } from './cli/command';
export { UsageError } from './cli/errors';

// Recipes, runs and reports, for programs that drive the runner without the CLI.
export { recipeSchema, axisNames, augmentPresets, type Recipe, type RecipeArm, type AxisName } from './recipe/schema';
export { loadRecipe, knownRecipes, experimentsDir, type LoadedRecipe, type RecipeOverrides } from './recipe/load-recipe';
export { RecipeError } from './recipe/errors';
export { runRecipe, type RunOptions, type RunOutcome } from './run/run-recipe';
export { DataMissingError, RunDataError, ResumeError, RunStoppedError } from './run/errors';
export { checkRunInputs } from './run/preflight';
// The five-axis evaluation lives in @vpixmix/evaluation; re-exported for programs that drive the runner.
export { evaluateSafety, evaluateUnit } from '@vpixmix/evaluation';
export type * from '@vpixmix/evaluation';
export { writeReport, type ReportInput, type RunStatus, type WrittenReport } from './report/write-report';
export { xyChart, barChart, panelGrid, type Series, type XYChartSpec, type BarChartSpec } from './report/figures/chart';
export { svgToPng, writeFigure } from './report/figures/render';
