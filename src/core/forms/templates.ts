/**
 * The five filing forms of seed 003 (附件1–5) declared as data: columns in template order,
 * required flags, value types and header aliases. Adding an alias is a one-line change.
 */
import type { EnumKind } from '../normalize/enums';
import type { FormId } from './ids';

export type ColumnType = 'seq' | 'text' | 'phone' | 'date' | 'count' | 'enum' | 'url';

export interface ColumnDef {
  key: string;
  label: string;
  type: ColumnType;
  required?: boolean;
  enumKind?: EnumKind;
  /** Other header texts meaning this column (compared after headerKey()). */
  aliases?: readonly string[];
  /** Header texts meaning this column only when they are the whole header (教师 under 类别; never inside 类别（教师/学生）). */
  exactAliases?: readonly string[];
  /** Shown as the input hint in blank templates. */
  hint?: string;
  width?: number;
  /** Optional extra column: not part of the seed template, not reported as missing. */
  extra?: boolean;
  /** Two-row header: the merged upper label this sub-column sits under (bigv 类别). */
  parent?: string;
  /** A date column where a month alone (2024年11月) is precise enough: read as 'YYYY-MM'. */
  month?: true;
  /** Where even a year alone (2019年) is: read as 'YYYY'. */
  year?: true;
}

export interface FormTemplate {
  id: FormId;
  /** Title as in seed 003, after the school name. */
  title: string;
  /** Short name for sheet names and messages. */
  label: string;
  /** 附件 number in seed 003 (sheet names like 附件1). */
  annex: number;
  /** Words that identify the form in a title row or sheet name (compared squashed). */
  keywords: readonly string[];
  columns: readonly ColumnDef[];
  /** Key columns: the same key twice in one sheet with other values differing → cell-unique. */
  uniqueKey: readonly string[];
  /** Whose phone a row's phone is (contact-conflict). */
  owner: { name: string; phone: string };
}

const PHONE_ALIASES = ['联系电话', '电话', '手机', '手机号', '手机号码', '联系方式', '联系电话（手机）', '电话号码'];
const GROUP_ADMIN_ALIASES = ['群管理员', '管理员', '管理员姓名', '群主', '群主姓名'];
const SEQ: ColumnDef = { key: 'seq', label: '序号', type: 'seq', aliases: ['编号', 'no', 'no.'], width: 6 };
const REMARK: ColumnDef = { key: 'remark', label: '备注', type: 'text', aliases: ['说明'], width: 16 };

export const FORMS: readonly FormTemplate[] = [
  {
    id: 'website',
    title: '网站平台更新登记备案表',
    label: '网站平台',
    annex: 1,
    keywords: ['网站平台更新登记备案表', '网站平台更新', '网站平台', '网站'],
    uniqueKey: ['name'],
    owner: { name: 'admin', phone: 'phone' },
    columns: [
      SEQ,
      { key: 'name', label: '网站名称', type: 'text', required: true, aliases: ['网站', '网站名'], width: 22 },
      { key: 'principal', label: '网站负责人', type: 'text', required: true, aliases: ['负责人'], width: 10 },
      { key: 'admin', label: '网站管理员', type: 'text', required: true, aliases: ['管理员', '管理员姓名'], width: 10 },
      { key: 'phone', label: '联系电话', type: 'phone', required: true, aliases: PHONE_ALIASES, hint: '手机号或带区号座机，多个用“/”分隔', width: 15 },
      { key: 'columns', label: '网站栏目', type: 'text', aliases: ['栏目', '主要栏目', '栏目设置'], hint: '各栏目用“、”分隔', width: 36 },
      { key: 'lastUpdate', label: '最后更新日期', type: 'date', required: true, aliases: ['更新日期', '最近更新日期', '最后更新时间', '最近更新时间', '最近更新', '最后更新', '更新时间', '最新更新日期', '最新更新时间'], hint: '如 2024-03-25', width: 14 },
      { key: 'url', label: '网址', type: 'url', extra: true, aliases: ['网站地址', '域名', 'url', '链接', '网站网址'], width: 28 },
    ],
  },
  {
    id: 'newmedia',
    title: '新媒体平台登记备案表',
    label: '新媒体平台',
    annex: 2,
    keywords: ['新媒体平台登记备案表', '新媒体平台', '新媒体'],
    uniqueKey: ['platform', 'accountId'],
    owner: { name: 'admin', phone: 'phone' },
    columns: [
      SEQ,
      { key: 'platform', label: '网络平台', type: 'enum', enumKind: 'platform', required: true, aliases: ['平台', '平台类型', '账号平台', '平台名称'], width: 12 },
      { key: 'accountName', label: '账号名称', type: 'text', required: true, aliases: ['账号名', '帐号名称', '名称', '账号昵称', '帐号昵称', '昵称'], width: 16 },
      { key: 'accountId', label: '账号ID', type: 'text', required: true, aliases: ['帐号id', 'id', '账号', '微信号', '账号id号'], width: 16 },
      { key: 'followers', label: '粉丝人数', type: 'count', required: true, aliases: ['粉丝数', '粉丝数量', '关注人数', '粉丝量', '关注数'], width: 10 },
      { key: 'openDate', label: '开通日期', type: 'date', month: true, year: true, aliases: ['开通时间', '注册日期', '注册时间', '创建日期'], width: 12 },
      { key: 'purpose', label: '主要用途', type: 'text', aliases: ['用途'], width: 14 },
      { key: 'admin', label: '管理员姓名', type: 'text', required: true, aliases: ['管理员', '管理人员', '管理员名字'], width: 10 },
      { key: 'phone', label: '联系电话', type: 'phone', required: true, aliases: PHONE_ALIASES, width: 15 },
      REMARK,
    ],
  },
  {
    id: 'zombie',
    title: '“僵尸”工作群清理备案表',
    label: '僵尸群清理',
    annex: 3,
    keywords: ['僵尸工作群清理备案表', '僵尸', '工作群清理', '群清理'],
    uniqueKey: ['name'],
    owner: { name: 'admin', phone: 'phone' },
    columns: [
      SEQ,
      { key: 'admin', label: '群管理员姓名', type: 'text', required: true, aliases: GROUP_ADMIN_ALIASES, width: 12 },
      { key: 'phone', label: '联系电话', type: 'phone', required: true, aliases: PHONE_ALIASES, width: 15 },
      { key: 'name', label: '工作群名称', type: 'text', required: true, aliases: ['群名称', '群名', '工作群'], width: 22 },
      { key: 'reason', label: '清理原因', type: 'text', required: true, aliases: ['原因', '清理原由', '清理理由', '清理原因说明', '原因说明'], width: 16 },
      { key: 'cleaned', label: '是否已清理', type: 'enum', enumKind: 'yesNo', required: true, aliases: ['是否清理', '清理情况', '已清理'], width: 10 },
      { key: 'cleanDate', label: '清理时间', type: 'date', month: true, aliases: ['清理日期'], width: 12 },
      REMARK,
    ],
  },
  {
    id: 'group',
    title: '网络工作群组登记备案表',
    label: '工作群组',
    annex: 4,
    keywords: ['网络工作群组登记备案表', '工作群组', '群组登记'],
    uniqueKey: ['name'],
    owner: { name: 'admin', phone: 'phone' },
    columns: [
      SEQ,
      { key: 'type', label: '群组类型', type: 'enum', enumKind: 'groupType', required: true, aliases: ['群类型', '类型', '群组类别', '群类别'], width: 12 },
      { key: 'name', label: '群名称', type: 'text', required: true, aliases: ['工作群名称', '群名', '群组名称'], width: 22 },
      { key: 'members', label: '群人数', type: 'count', required: true, aliases: ['人数', '成员数', '群成员数', '群成员人数'], width: 8 },
      { key: 'purpose', label: '主要用途', type: 'text', aliases: ['用途'], width: 14 },
      { key: 'realName', label: '是否全部实名', type: 'enum', enumKind: 'yesNo', required: true, aliases: ['是否实名', '是否全部实名制', '实名情况', '是否实名制', '是否全员实名', '是否全员实名制', '实名制情况'], width: 10 },
      { key: 'admin', label: '群管理员姓名', type: 'text', required: true, aliases: GROUP_ADMIN_ALIASES, width: 12 },
      { key: 'phone', label: '联系电话', type: 'phone', required: true, aliases: PHONE_ALIASES, width: 15 },
      REMARK,
    ],
  },
  {
    id: 'bigv',
    title: '“网络大V”信息统计表',
    label: '网络大V',
    annex: 5,
    keywords: ['网络大v信息统计表', '网络大v', '大v'],
    uniqueKey: ['platform', 'accountId'],
    owner: { name: 'person', phone: 'phone' },
    columns: [
      SEQ,
      { key: 'platform', label: '账号平台', type: 'enum', enumKind: 'platform', required: true, aliases: ['网络平台', '平台', '平台类型'], width: 12 },
      { key: 'accountId', label: '账号ID', type: 'text', required: true, aliases: ['帐号id', 'id', '账号'], width: 16 },
      { key: 'accountName', label: '账号名称', type: 'text', required: true, aliases: ['账号名', '帐号名称', '名称', '账号昵称', '帐号昵称', '昵称'], width: 16 },
      { key: 'followers', label: '粉丝数量', type: 'count', required: true, aliases: ['粉丝人数', '粉丝数', '粉丝量', '关注人数'], width: 10 },
      { key: 'direction', label: '创作方向', type: 'text', aliases: ['方向', '内容方向', '创作领域'], width: 12 },
      { key: 'person', label: '姓名', type: 'text', required: true, aliases: ['本人姓名', '账号主体姓名'], width: 10 },
      { key: 'title', label: '职务职称', type: 'text', parent: '类别', aliases: ['职务', '职称', '职务/职称', '教师填写'], exactAliases: ['教师', '教职工'], hint: '教师填写', width: 12 },
      { key: 'major', label: '专业年级', type: 'text', parent: '类别', aliases: ['专业', '年级', '专业班级', '专业/年级', '学生填写'], exactAliases: ['学生'], hint: '学生填写', width: 14 },
      { key: 'phone', label: '联系方式', type: 'phone', required: true, aliases: PHONE_ALIASES, width: 15 },
      REMARK,
    ],
  },
];

export function formById(id: FormId): FormTemplate {
  const f = FORMS.find((x) => x.id === id);
  if (!f) throw new Error(`unknown form ${id}`);
  return f;
}

/** Suggested website columns per unit category (seed 000 二(二)); alternatives accepted in []. */
export const SUGGESTED_COLUMNS: Record<'teaching' | 'other', readonly (readonly string[])[]> = {
  teaching: [
    ['系简介', '学院简介', '学院概况', '系部简介', '单位简介', '简介', '概况'],
    ['师资队伍', '师资'],
    ['科研成果', '科研'],
    ['对外合作交流', '合作交流', '对外交流', '国际交流'],
    ['专业设置'],
    ['专业特色'],
    ['课程设置', '课程建设'],
    ['学生工作', '学工'],
    ['管理服务'],
    ['荣誉获奖', '荣誉'],
    ['历史沿革', '沿革'],
  ],
  other: [
    ['部门简介', '单位简介', '简介', '概况'],
    ['机构设置', '组织机构'],
    ['规章制度', '制度'],
    ['办事指南', '办事流程'],
    ['岗位分工', '岗位职责'],
    ['下载专区', '下载中心', '资料下载'],
    ['通知公告', '通知', '公告'],
    ['联系方式', '联系我们'],
  ],
};

/** Columns a party-building site must have (seed 004 二(一), 栏目规划). */
export const PARTY_SITE_COLUMNS = ['新闻动态', '组织管理', '党员教育'] as const;
