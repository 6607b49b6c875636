/**
 * Vocabulary for generated demo listings: per technical field, realistic subjects (what the research is
 * about), the problems companies post, and the institutions that typically hold such results.
 */
export interface FieldVocabulary {
  subjects: string[];
  problems: string[];
  holders: string[];
  forms: string[];
}

export const vocab: Record<string, FieldVocabulary> = {
  EQP: {
    subjects: [
      '复杂曲面机器人自适应打磨',
      '协作机器人力控装配',
      '五轴数控机床热误差补偿',
      '高功率光纤激光熔覆',
      '大型构件电弧增材制造',
      '智能产线数字孪生',
      '精密减速器齿形修形',
      '工业互联网设备预测性维护',
      '机器视觉缺陷检测',
    ],
    problems: ['焊缝实时跟踪', '薄壁件加工变形控制', '产线换型效率低', '关键轴承寿命预测', '机器人离线编程'],
    holders: ['sia', 'neu', 'dlut', 'shenfu', 'ent-tieling'],
    forms: ['new_technology', 'new_equipment', 'new_process', 'software'],
  },
  TRN: {
    subjects: [
      '高速列车转向架轻量化',
      '海洋平台桩腿自升系统',
      '通用飞机复合材料机翼',
      '北斗高精度定位终端',
      '船舶压载水处理装置',
      '低轨卫星星间链路',
    ],
    problems: ['船体焊接机器人化', '轨道车辆噪声治理', '无人机长航时动力'],
    holders: ['dlut', 'neu', 'sia', 'dlou', 'ent-huludao'],
    forms: ['new_equipment', 'new_technology', 'new_product'],
  },
  ENE: {
    subjects: [
      '核电主泵密封件',
      '特高压套管绝缘材料',
      '大型风电叶片在线监测',
      '重型燃气轮机热端部件涂层',
      '离心压缩机组振动抑制',
    ],
    problems: ['风机齿轮箱故障诊断', '变压器局部放电监测', '燃机叶片修复'],
    holders: ['neu', 'imr', 'dlut', 'sia'],
    forms: ['new_equipment', 'new_technology', 'new_material'],
  },
  ICT: {
    subjects: [
      '工业大数据分析平台',
      '边缘计算网关',
      '5G专网确定性传输',
      '工控系统入侵检测',
      '三维CAD几何内核',
      '大模型工业知识问答',
      '硅基光电子调制器',
      '多源遥感影像智能解译',
    ],
    problems: ['设备数据采集协议不统一', '工业软件国产化替代', '视频质检算法'],
    holders: ['neu', 'dlut', 'sia', 'shenfu'],
    forms: ['software', 'new_technology', 'new_product'],
  },
  IC: {
    subjects: ['晶圆级封装键合设备', '功率半导体驱动芯片', 'MEMS压力传感器', '高可靠陶瓷电容器', '化学机械抛光液'],
    problems: ['车规级芯片验证', '封装翘曲控制'],
    holders: ['dlut', 'sia', 'imr'],
    forms: ['new_product', 'new_equipment', 'new_material'],
  },
  MAT: {
    subjects: [
      '高强韧镁合金挤压型材',
      '钛合金3D打印粉末',
      '石墨烯导热膜',
      '碳纤维复合材料快速固化',
      '耐蚀铝合金板材',
      '单晶高温合金叶片',
      '非晶合金带材',
      '高熵合金涂层',
      '镁质耐火材料',
    ],
    problems: ['镁合金耐蚀性不足', '钛合金加工成本高', '复合材料回收'],
    holders: ['imr', 'neu', 'ustl', 'yku', 'dlut', 'ent-chaoyang'],
    forms: ['new_material', 'new_process', 'new_product'],
  },
  CHE: {
    subjects: [
      '全钒液流电池电堆',
      '甲醇制烯烃催化剂',
      '聚烯烃专用料',
      '高性能橡胶助剂',
      '电子级湿化学品',
      '生物基可降解塑料',
    ],
    problems: ['催化剂寿命短', '废酸资源化', 'VOCs 回收'],
    holders: ['dicp', 'syuct', 'lnpu', 'dlut', 'ent-liaoyang', 'ent-chem'],
    forms: ['new_material', 'new_process', 'new_technology'],
  },
  MET: {
    subjects: ['热连轧板形智能控制', '高炉炉况智能诊断', '高品质特殊钢洁净冶炼', '铜铝复合带材轧制', '钢渣余热回收'],
    problems: ['钢板表面缺陷检测', '连铸坯裂纹控制'],
    holders: ['neu', 'ustl', 'imr'],
    forms: ['new_process', 'new_technology', 'software'],
  },
  BIO: {
    subjects: [
      '抗肿瘤小分子靶向药',
      '人参皂苷提取纯化',
      '单克隆抗体细胞株构建',
      '缓控释微球制剂',
      '间充质干细胞制剂',
      '五味子现代中药',
    ],
    problems: ['原料药绿色合成', '中药质量标志物'],
    holders: ['dicp', 'lnist', 'syau', 'eastliaoning'],
    forms: ['new_product', 'new_process', 'new_technology'],
  },
  MED: {
    subjects: ['低剂量CT重建算法', '血管介入手术机器人', '化学发光诊断试剂', '可降解镁合金支架', '超声内镜成像'],
    problems: ['影像设备国产化', '诊断试剂冷链'],
    holders: ['neu', 'sia', 'imr', 'dlut'],
    forms: ['new_equipment', 'new_product', 'software'],
  },
  ECO: {
    subjects: ['烧结烟气余热发电', '高盐废水零排放', '焦化废水深度处理', '脱硝催化剂再生', '尾矿制备建材'],
    problems: ['污泥减量化', '钢厂除尘灰利用'],
    holders: ['neu', 'dicp', 'lntu', 'syuct'],
    forms: ['new_technology', 'new_process', 'new_equipment'],
  },
  NEN: {
    subjects: ['钙钛矿光伏电池', '质子交换膜燃料电池', '生物质气化发电', '压缩空气储能', '海上风电基础防腐'],
    problems: ['光伏组件回收', '储能电站安全'],
    holders: ['dicp', 'dlut', 'neu', 'yku'],
    forms: ['new_technology', 'new_product', 'new_equipment'],
  },
  NEV: {
    subjects: ['动力电池热失控预警', '永磁同步驱动电机', '车载域控制器', '铝合金电池包壳体', '固态电解质'],
    problems: ['电机噪声优化', '电池包轻量化'],
    holders: ['lnut', 'dlut', 'dicp', 'neu'],
    forms: ['new_product', 'new_technology', 'new_material'],
  },
  SEA: {
    subjects: ['海参种质改良', '反渗透海水淡化膜', '潮流能发电装置', '海藻多糖提取', '人工鱼礁生态修复'],
    problems: ['海水养殖病害防控', '海洋牧场监测'],
    holders: ['dlou', 'dicp', 'dlut'],
    forms: ['new_technology', 'new_variety', 'new_product'],
  },
  AGR: {
    subjects: ['水稻分子标记育种', '日光温室智能环控', '玉米收获机械', '肉牛健康养殖', '蓝莓精深加工'],
    problems: ['秸秆综合利用', '设施蔬菜连作障碍'],
    holders: ['syau', 'eastliaoning', 'dlou'],
    forms: ['new_variety', 'new_technology', 'new_equipment'],
  },
  HLT: {
    subjects: ['肿瘤早筛基因检测', '慢病健康大数据平台', '可穿戴心电监测'],
    problems: ['基层医疗影像辅助诊断'],
    holders: ['neu', 'dicp'],
    forms: ['software', 'new_product'],
  },
  SAF: {
    subjects: ['食品农残快速检测', '矿山安全监测预警', '危化品泄漏检测'],
    problems: ['冷链食品追溯', '尾矿库溃坝预警'],
    holders: ['lntu', 'neu', 'syuct'],
    forms: ['new_technology', 'new_product', 'software'],
  },
  SVC: {
    subjects: ['专利价值评估模型', '技术成果转化服务平台', '检验检测数据共享系统'],
    problems: ['科技成果评价', '知识产权质押估值'],
    holders: ['neu', 'dlut'],
    forms: ['software', 'other'],
  },
};

export const titleSuffixes = ['关键技术', '技术及装备', '制备方法', '工艺', '系统', '成套技术', '技术及应用'];
export const needSuffixes = ['技术需求', '技术攻关需求', '解决方案需求', '合作研发需求'];
export const inventorNames = [
  '张伟',
  '王芳',
  '李娜',
  '刘洋',
  '陈静',
  '杨帆',
  '赵磊',
  '黄勇',
  '周敏',
  '吴强',
  '徐丽',
  '孙浩',
  '马超',
  '朱琳',
  '胡军',
  '郭峰',
  '何洁',
  '高鹏',
  '林晓',
  '罗斌',
];
