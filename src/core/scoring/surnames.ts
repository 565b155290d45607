/**
 * Common Chinese surnames (single, then compound), so a sheet named 张三 reads as an inspector
 * while 教学单位, 职能部门 or 新媒体 do not. The list covers the great majority of people; a
 * name outside it only loses the guess from the sheet name (a 检查人 column still works).
 */
const SINGLE =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由';
const COMPOUND = ['欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '夏侯', '轩辕', '令狐', '端木', '独孤', '南宫', '西门', '呼延'];

const SINGLE_SET = new Set(SINGLE);

/** Whether `name` starts with a common surname and leaves one to three characters of given name. */
export function startsWithSurname(name: string): boolean {
  const chars = [...name];
  if (COMPOUND.some((c) => name.startsWith(c))) return chars.length >= 3 && chars.length <= 4;
  return SINGLE_SET.has(chars[0] ?? '') && chars.length >= 2 && chars.length <= 4;
}

/** Two to four Chinese characters (a middle dot for minority names) and no word of a sheet's or a unit's kind. */
const PERSON = /^[\u4e00-\u9fa5·]{2,4}$/;
const NOT_PERSON = /汇总|总|合计|平均|统计|结果|数据|模板|样表|说明|附件|明细|名单|细则|参数|媒体|平台|账号|单位|部门|类别|管理|[院处部系所室馆办委会局队科组团心员]$/;

/** Whether a sheet name or a column header is a person's name (张三, 欧阳明月), not 教学单位 or 管理员. */
export function looksLikePerson(name: string): boolean {
  return PERSON.test(name) && startsWithSurname(name) && !NOT_PERSON.test(name);
}
