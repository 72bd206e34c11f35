/**
 * The timeline's own words in Simplified Chinese, terms as in the card wording (髓外疾病（EMD）,
 * 骨旁, 软脑膜, 中枢神经系统（CNS）); the shape is English's (./dictionary-en.ts).
 */
import type { Dictionary } from './dictionary-en.js';

export const zhCN: Dictionary = {
  title: 'EMD 时间轴',
  subtitle: '多发性骨髓瘤的髓外疾病：按部位和分类显示的发现',
  language: '语言',
  loading: '正在读取患者记录…',
  launching: '正在连接 FHIR 服务器…',
  colon: '：',
  parentheses: { open: '（', close: '）' },
  comma: '，',
  listComma: '、',
  numbered: '．',
  statusSeparator: '·',
  fieldSeparator: '，',
  wordSpace: '',
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
  noFindings: '记录中没有（未被否定的）浆细胞瘤或中枢神经系统/软脑膜受累的发现。',
  noDate: '日期不详',
  undated: '记录中没有日期，未显示在时间轴上',
  itemSeparator: '；',
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
      subsetted: '无法显示时间轴：FHIR 服务器只发送了该患者一条病情记录（Condition）的部分内容',
      other: '无法显示时间轴：该患者的病情记录（Condition）中有 EMD 服务无法读取的数据',
    },
    messages: {
      Condition:
        '该患者的一条病情记录（Condition）不符合 EMD 服务所读取的 FHIR R4 格式，而它可能是骨髓瘤诊断或某项发现。在它留在记录中期间，服务不会为该患者显示髓外疾病卡片，时间轴也不予绘制：在记录中更正之前，该患者的卡片和时间轴均不可信。',
      Bundle:
        'FHIR 服务器对该患者病情记录（Condition）的查询结果中夹有一个 Bundle（通常是批量请求的应答被整体转交），其中的病情记录不会被读取，而其中可能有骨髓瘤诊断或某项发现。在此更正之前，服务不会为该患者显示髓外疾病卡片，时间轴也不予绘制：该患者的卡片和时间轴均不可信。',
      subsetted:
        'FHIR 服务器将该患者的一条病情记录（Condition）标记为 SUBSETTED：发送时省略了部分元素（如 _elements 或 _summary 省去的状态或部位），而被省略的元素会被读作不存在，已排除的发现会被读作已确诊。EMD 服务从不把这样的病情记录当作完整记录读取：它会重新读取病情记录，否则不为该患者显示髓外疾病卡片；时间轴也不予绘制。FHIR 服务器应完整发送该患者的病情记录。',
      other:
        '该患者的病情记录（Condition）中有数据不符合 EMD 服务所读取的 FHIR R4 格式，而它可能是骨髓瘤诊断或某项发现。在它留在记录中期间，服务不会为该患者显示髓外疾病卡片，时间轴也不予绘制：在记录中更正之前，该患者的卡片和时间轴均不可信。',
    },
    toCorrect: '需更正：',
    noId: '无有效 id',
    fields: '不符合 FHIR R4 格式的字段',
    bundle: '是 Bundle 而不是病情记录（Condition）：其中内容不会被读取',
    notResource: '不是 FHIR 资源',
    sentInPart: '仅发送了部分内容（标记为 SUBSETTED）',
  },
  disclaimer: '仅供决策支持：分类遵循 EMD 服务的规则说明（Bladé 等，Blood Cancer J 2022）。',
};
