/** The signer line in its common wordings. */
import { parseSigner } from '../../src/core/sheet/signer';

describe('parseSigner', () => {
  it.each([
    ['填报单位：信息工程学院    单位负责人签名（盖章）：王建国        填表人：李敏        填表人电话：13800001111', { unit: '信息工程学院', head: '王建国', filler: '李敏', fillerPhone: '13800001111' }],
    ['填报单位：信息工程学院（盖章）  填报日期：2024年11月15日', { unit: '信息工程学院', head: null, filler: null, fillerPhone: null }],
    ['填报单位(盖章)：团委 联系人：张三 联系电话：13800001111', { unit: '团委', filler: '张三', fillerPhone: '13800001111' }],
    ['单位负责人签字：王建国  填表人：李敏  填表人手机：13800001111', { unit: null, head: '王建国', filler: '李敏', fillerPhone: '13800001111' }],
    ['单位负责人签名（盖章）：        填表人：        填表人电话：', { unit: null, head: null, filler: null, fillerPhone: null }],
    ['填 报 单 位：外国语学院    填　表　人：李敏', { unit: '外国语学院', filler: '李敏' }],
    ['填报单位(公章)：外国语学院  填表人：李敏', { unit: '外国语学院', filler: '李敏' }],
    ['填报单位（签章）：外国语学院', { unit: '外国语学院' }],
    ['单位：外国语学院  联系人：李敏', { unit: '外国语学院', filler: '李敏' }],
    ['部门： 党委宣传部  填表人：李敏', { unit: '党委宣传部', filler: '李敏' }],
    ['填报单位：外国语学院  单位负责人签字：王建国  经办人：李敏  电话：13800001111', { unit: '外国语学院', head: '王建国', filler: '李敏', fillerPhone: '13800001111' }],
    ['负责人签字：王建国   填表人签字：李敏   手机：13800001111', { head: '王建国', filler: '李敏', fillerPhone: '13800001111' }],
    ['单位负责人（签字）  王建国  填表人  李敏  电话  13800001111', { head: '王建国', filler: '李敏', fillerPhone: '13800001111' }],
    ['填报单位：外国语学院  单位负责人签名（盖章）：王建国  填表人及电话：李敏 13800001111', { filler: '李敏', fillerPhone: '13800001111' }],
    ['填表人（电话）：李敏（13800001111）', { filler: '李敏', fillerPhone: '13800001111' }],
    ['填表人：李敏（13800001111）', { filler: '李敏', fillerPhone: '13800001111' }],
    ['分管领导签字：王建国  填报人：李敏  联系电话：13800001111', { head: '王建国', filler: '李敏', fillerPhone: '13800001111' }],
    // A blank stamp line: its 日期 is no unit.
    ['单位（盖章）：        日期：2024年11月15日', { unit: null }],
    ['填报单位：外国语学院   日期：2024年11月15日', { unit: '外国语学院' }],
    // Near misses: 单位 inside a longer word, or with no colon, labels nothing.
    ['单位负责人：王建国  填表人：李敏', { unit: null, head: '王建国', filler: '李敏' }],
    ['所在单位：外国语学院  填表人：李敏', { unit: null, filler: '李敏' }],
  ])('%s', (line, want) => {
    const s = parseSigner(line);
    expect(s.present).toBe(true);
    expect(s).toMatchObject(want);
  });

  it('is absent from a title line', () => {
    expect(parseSigner('示范职业技术学院网站平台更新登记备案表').present).toBe(false);
  });
});
