// A tenant's backend in TypeScript, through the client generated from docs/openapi.json:
// it lists the tenant's surveys, reads a metric grouped and as a series, and turns an error into
// its problem document. Prints what it read as one JSON line for ApiClientIT to check.
import { Configuration, MetricsApi, ResponseError, SurveysApi, GetMetricMetricEnum,
         GetMetricGroupByEnum, GetMetricIntervalEnum } from "./client";

// The one part of Node.js this script uses, declared here rather than installing its type package.
declare const process: { argv: string[]; exit(code: number): never };

async function main(): Promise<void> {
  const [basePath, apiKey, from, to] = process.argv.slice(2);
  const configuration = new Configuration({ basePath, apiKey });
  const surveys = await new SurveysApi(configuration).listSurveys({ limit: 10 });
  const metrics = new MetricsApi(configuration);
  const volume = await metrics.getMetric({
    metric: GetMetricMetricEnum.TicketVolume, from: new Date(from), to: new Date(to),
    groupBy: GetMetricGroupByEnum.Channel, interval: GetMetricIntervalEnum.Day,
  });
  let problem: unknown = null;
  try {
    await metrics.getMetric({ metric: GetMetricMetricEnum.Nps, from: new Date(to), to: new Date(from) });
  } catch (error) {
    if (!(error instanceof ResponseError)) {
      throw error;
    }
    problem = { contentType: error.response.headers.get("content-type"), ...(await error.response.json()) };
  }
  console.log(JSON.stringify({
    surveys: (surveys.items ?? []).map((survey) => survey.id),
    volume: {
      value: volume.value,
      groups: Object.fromEntries((volume.groups ?? []).map((group) => [group.key, group.value])),
      series: (volume.series ?? []).map((point) => point.count),
    },
    problem,
  }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
