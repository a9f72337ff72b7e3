/**
 * A worker thread of the API's analysis pool (piscina): loads the pipeline's resources once, then
 * answers tasks (see analysis.ts).
 */
import { loadResources } from '../resources.js';
import { runAnalysis, type AnalysisResult, type AnalysisTask } from './analysis.js';

const res = loadResources();

export default function task(t: AnalysisTask): AnalysisResult {
  return runAnalysis(t, res);
}
