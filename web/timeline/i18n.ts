/**
 * The timeline's own words, English and Simplified Chinese (terms as in the card wording:
 * 髓外疾病（EMD）, 骨旁, 软脑膜, 中枢神经系统（CNS）). Finding-class names come from the
 * service's card wording (settings.json `classLabels`), so cards and timeline agree.
 */
export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

const en = {
  title: 'EMD timeline',
  subtitle: 'Extramedullary disease in multiple myeloma: findings by site and class',
  language: 'Language',
  loading: 'Loading the patient’s record…',
  launching: 'Connecting to the FHIR server…',
  patient: 'Patient',
  phase: 'Phase',
  phases: { diagnosis: 'at diagnosis', relapsed: 'relapsed', unknown: 'not determined' },
  noMyeloma:
    'No (non-refuted) myeloma Condition on the record: the service shows no EMD cards for this patient.',
  timelineHeading: 'Time axis',
  timelineDescription:
    'Myeloma diagnosis and relapses, each finding by class with its date, and the imaging studies that found them.',
  lanes: { myeloma: 'Myeloma', imaging: 'Imaging' },
  events: {
    diagnosis: 'myeloma diagnosed',
    relapse: 'relapse recorded',
    remission: 'remission recorded',
  },
  bodyMapHeading: 'Body map',
  bodyMapDescription: 'Sites of the findings, marked by class (shape, colour and label).',
  notOnMap: 'Sites not on the map',
  noSite: 'no body site recorded',
  tableHeading: 'Findings',
  columns: {
    site: 'Site',
    findingClass: 'Class',
    date: 'Date',
    status: 'Status',
    source: 'Found on (imaging)',
  },
  statuses: {
    active: 'active',
    history: 'history (resolved or inactive)',
    uncertain: 'unconfirmed',
    textOnly: 'text only, not coded',
  },
  textOnlyClass: 'not classified (text only)',
  noFindings: 'No plasmacytoma or CNS / leptomeningeal finding on the record.',
  noDate: 'date unknown',
  noSource: 'none cited',
  legend: 'Legend',
  studies: 'Imaging studies',
  // FHIR R4 ImagingStudy.status of a study the axis does not draw as done (H50,
  // ./study-status.ts); `unknown` also stands for a status R4 does not define.
  studyStatus: {
    'entered-in-error': 'entered in error, withdrawn',
    cancelled: 'cancelled, not done',
    registered: 'registered, no images yet',
    unknown: 'status unknown',
  },
  // The legend's name for a study drawn as done, beside the statuses above.
  studyAvailable: 'imaging study, images available',
  // A word the legend strikes through, as the axis strikes a study entered in error's name.
  studyName: 'study',
  gaps: {
    ImagingStudy: 'Imaging studies could not be read; the imaging lane may be incomplete.',
    DiagnosticReport: 'Imaging reports could not be read.',
  },
  errors: {
    heading: 'The timeline cannot be shown',
    noIss:
      'This page is opened by the EHR from a card (SMART App Launch): it needs an iss parameter naming the FHIR server.',
    notLaunched:
      'The timeline was not launched. Open it from a card, or through launch.html?iss=…&launch=…&patient=….',
    noPatient: 'The launch did not say which patient to show.',
    fhir: 'The FHIR server could not be read',
    settings: 'The EMD service’s settings could not be loaded',
  },
  // A malformed Condition a rule might read (H37, H51): the service refuses the record (412).
  // Heading and message by what was malformed (./unreadable-text.ts): Conditions, a Bundle in
  // their place (a batch's answer passed on whole, H43), or anything else, or a mix.
  unreadable: {
    headings: {
      Condition:
        'The timeline cannot be shown: the record holds a Condition the EMD service cannot read',
      Bundle:
        'The timeline cannot be shown: the patient’s Conditions came inside a Bundle, which the EMD service does not read',
      other:
        'The timeline cannot be shown: the patient’s Conditions hold data the EMD service cannot read',
    },
    messages: {
      Condition:
        'A Condition of this patient is not in the FHIR R4 form the EMD service reads, and it may be the myeloma or a finding. While it is in the record, the service gives no EMD cards for this patient and the timeline is not drawn: neither the cards nor the timeline can be trusted for this patient until it is corrected in the record.',
      Bundle:
        'The FHIR server answered the search for this patient’s Conditions with a Bundle among them (typically a batch’s answer passed on whole), so the Conditions inside it are not read, and they may include the myeloma or a finding. While the answer is so, the service gives no EMD cards for this patient and the timeline is not drawn: neither the cards nor the timeline can be trusted for this patient until it is corrected.',
      other:
        'Data among this patient’s Conditions is not in the FHIR R4 form the EMD service reads, and it may be the myeloma or a finding. While it is there, the service gives no EMD cards for this patient and the timeline is not drawn: neither the cards nor the timeline can be trusted for this patient until it is corrected in the record.',
    },
    toCorrect: 'To correct:',
    noId: 'no valid id',
    fields: 'fields not in FHIR R4 form:',
    bundle: 'a Bundle, not a Condition: what it holds is not read',
    notResource: 'not a FHIR resource',
  },
  disclaimer:
    'Decision support only: classification follows the rules page of the EMD service (Bladé et al., Blood Cancer J 2022).',
};

export type Dictionary = typeof en;

const zhCN: Dictionary = {
  title: 'EMD 时间轴',
  subtitle: '多发性骨髓瘤的髓外疾病：按部位和分类显示的发现',
  language: '语言',
  loading: '正在读取患者记录…',
  launching: '正在连接 FHIR 服务器…',
  patient: '患者',
  phase: '病程阶段',
  phases: { diagnosis: '诊断时', relapsed: '复发', unknown: '未能确定' },
  noMyeloma: '记录中没有（未被否定的）骨髓瘤诊断：服务不会为该患者显示髓外疾病卡片。',
  timelineHeading: '时间轴',
  timelineDescription: '骨髓瘤诊断与复发、按分类显示的每个发现及其日期，以及发现它们的影像检查。',
  lanes: { myeloma: '骨髓瘤', imaging: '影像检查' },
  events: { diagnosis: '骨髓瘤确诊', relapse: '记录复发', remission: '记录缓解' },
  bodyMapHeading: '人体部位图',
  bodyMapDescription: '发现所在部位，按分类标记（形状、颜色和文字）。',
  notOnMap: '图中未显示的部位',
  noSite: '未记录部位',
  tableHeading: '发现列表',
  columns: {
    site: '部位',
    findingClass: '分类',
    date: '日期',
    status: '状态',
    source: '发现于（影像检查）',
  },
  statuses: {
    active: '活动',
    history: '既往（已消退或非活动）',
    uncertain: '未确认',
    textOnly: '仅文字记录，未编码',
  },
  textOnlyClass: '未分类（仅文字）',
  noFindings: '记录中没有浆细胞瘤或中枢神经系统/软脑膜受累的发现。',
  noDate: '日期不详',
  noSource: '未引用',
  legend: '图例',
  studies: '影像检查',
  studyStatus: {
    'entered-in-error': '录入错误，已撤销',
    cancelled: '已取消，未进行',
    registered: '已登记，尚无图像',
    unknown: '状态不明',
  },
  studyAvailable: '影像检查，图像可用',
  studyName: '检查',
  gaps: {
    ImagingStudy: '无法读取影像检查；影像一栏可能不完整。',
    DiagnosticReport: '无法读取影像报告。',
  },
  errors: {
    heading: '无法显示时间轴',
    noIss: '此页面由电子病历系统从卡片打开（SMART App Launch）：需要指明 FHIR 服务器的 iss 参数。',
    notLaunched: '时间轴未经启动。请从卡片打开，或通过 launch.html?iss=…&launch=…&patient=… 打开。',
    noPatient: '启动信息中没有指明要显示的患者。',
    fhir: '无法读取 FHIR 服务器',
    settings: '无法加载 EMD 服务的设置',
  },
  unreadable: {
    headings: {
      Condition: '无法显示时间轴：记录中有一条 EMD 服务无法读取的病情记录（Condition）',
      Bundle:
        '无法显示时间轴：该患者的病情记录（Condition）被包在一个 Bundle 中返回，EMD 服务不读取',
      other: '无法显示时间轴：该患者的病情记录（Condition）中有 EMD 服务无法读取的数据',
    },
    messages: {
      Condition:
        '该患者的一条病情记录（Condition）不符合 EMD 服务所读取的 FHIR R4 格式，而它可能是骨髓瘤诊断或某项发现。在它留在记录中期间，服务不会为该患者显示髓外疾病卡片，时间轴也不予绘制：在记录中更正之前，该患者的卡片和时间轴均不可信。',
      Bundle:
        'FHIR 服务器对该患者病情记录（Condition）的查询结果中夹有一个 Bundle（通常是批量请求的应答被整体转交），其中的病情记录不会被读取，而其中可能有骨髓瘤诊断或某项发现。在此更正之前，服务不会为该患者显示髓外疾病卡片，时间轴也不予绘制：该患者的卡片和时间轴均不可信。',
      other:
        '该患者的病情记录（Condition）中有数据不符合 EMD 服务所读取的 FHIR R4 格式，而它可能是骨髓瘤诊断或某项发现。在它留在记录中期间，服务不会为该患者显示髓外疾病卡片，时间轴也不予绘制：在记录中更正之前，该患者的卡片和时间轴均不可信。',
    },
    toCorrect: '需更正：',
    noId: '无有效 id',
    fields: '不符合 FHIR R4 格式的字段：',
    bundle: '是 Bundle 而不是病情记录（Condition）：其中内容不会被读取',
    notResource: '不是 FHIR 资源',
  },
  disclaimer: '仅供决策支持：分类遵循 EMD 服务的规则说明（Bladé 等，Blood Cancer J 2022）。',
};

export const DICTIONARIES: Readonly<Record<Locale, Dictionary>> = { en, 'zh-CN': zhCN };

/** Any Chinese preference (zh, zh-Hans, zh-CN, zh-SG) → zh-CN, as the cards do; else English. */
export function pickLocale(preferences: readonly string[]): Locale {
  for (const preference of preferences) {
    const tag = preference.toLowerCase();
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return 'en';
}

/** A date (ISO text) for people: day, month and year in the locale, in UTC like FHIR dates. */
export function formatDate(iso: string | undefined, locale: Locale): string | undefined {
  if (!iso) return undefined;
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(time);
}
