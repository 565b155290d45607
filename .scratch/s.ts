import { parseSigner } from '../src/core/sheet/signer';
for (const t of ['单位（盖章）：        日期：2024年11月15日', '单位（盖章）：', '填报单位（盖章）：      日期：', '单位盖章：          2024年11月15日']) console.log(t, JSON.stringify(parseSigner(t)));
