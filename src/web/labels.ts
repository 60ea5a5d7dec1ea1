// Chinese labels and small formatting for the staff pages.
import type { AidRequest } from '../domain/aid/types.ts';
import type { Category } from '../domain/types.ts';
import type { FaqTopic } from '../domain/faq/kb.ts';
import { localDate, localTime } from '../domain/time.ts';
import { formatLocation } from '../domain/aid/texts.ts';

export const CATEGORY_LABEL: Record<Category, string> = {
  fever_medicine: '退烧药',
  child_fever_medicine: '儿童退烧药',
  cough_medicine: '止咳药',
  cold_medicine: '感冒药',
  antigen_test: '抗原',
  thermometer: '体温计',
  mask: '口罩',
  disinfectant: '消毒用品',
  stomach_medicine: '肠胃药',
  other_medicine: '其他药品',
  food: '食品',
  baby_supplies: '母婴用品',
  daily_supplies: '生活用品',
  help_service: '帮忙跑腿',
};

export const STATUS_LABEL: Record<AidRequest['status'], string> = {
  open: '等待中',
  matched: '已匹配',
  fulfilled: '已完成',
  cancelled: '已取消',
  expired: '已过期',
};

/** Where an open request stands: waiting, relayed to the grid group, with the worker. */
export function stage(r: AidRequest): string {
  if (r.status !== 'open' && r.status !== 'matched') return STATUS_LABEL[r.status];
  if (r.status === 'matched') return '已匹配';
  if (r.escalatedToWorkerAt) return '已交网格员';
  if (r.escalatedToGridAt) return '已转网格群';
  return '等待中';
}

export const when = (iso: string | null | undefined): string =>
  iso ? `${localDate(new Date(iso)).slice(5)} ${localTime(new Date(iso))}` : '';

export function age(iso: string, now: Date): string {
  const minutes = Math.max(0, Math.round((now.getTime() - Date.parse(iso)) / 60000));
  if (minutes < 60) return `${minutes}分钟`;
  if (minutes < 48 * 60) return `${Math.floor(minutes / 60)}小时${minutes % 60 ? `${minutes % 60}分` : ''}`;
  return `${Math.floor(minutes / 1440)}天`;
}

export const itemsOf = (r: AidRequest): string => r.items.map((i) => i.name).join('、') || '(未识别物品)';

export const categoriesOf = (r: AidRequest): Category[] => [...new Set(r.items.map((i) => i.category))];

export function buildingOf(r: AidRequest): string {
  return r.location.building ? `${r.location.building}号楼` : '未知楼栋';
}

export const placeOf = (r: AidRequest): string => formatLocation(r.location) || buildingOf(r);

/** The knowledge base's topics, as union staff call them. */
export const TOPIC_LABEL: Record<FaqTopic, string> = {
  legal_aid: '法律援助',
  wage_arrears: '欠薪讨薪',
  labor_dispute_mediation: '劳动争议调解',
  psychological_counseling: '心理咨询',
  workers_home: '职工之家',
  outdoor_station: '户外劳动者服务站',
  service_center: '职工服务中心',
  skills_training: '技能培训',
  union_membership: '入会',
  hotline: '服务热线',
  work_injury: '工伤',
  overtime_pay: '加班费',
  contract: '劳动合同',
};
