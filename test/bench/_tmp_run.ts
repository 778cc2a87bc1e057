import { runWebhookBench } from './webhook.bench';
runWebhookBench().then((r) => { for (const x of r) console.log(String(x.opsPerSec).padStart(7), String(x.ratio ?? '').padStart(5), x.name, '|', x.note ?? ''); });
