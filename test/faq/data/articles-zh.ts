import type { FaqArticle } from '../../../src/faq/index';

// The Chinese half of the benchmark corpus: help-centre articles of a long-form video app, written
// the way such help centres word them. `views` is last month's reads, used by the no-result fallback.
export const articlesZh: FaqArticle[] = [
  // account & login
  { id: 'zh-acc-forgot-password', category: 'account', locale: 'zh-CN', views: 9800, title: '忘记密码怎么办？', body: '在登录页点击“忘记密码”，输入绑定的手机号或邮箱，获取验证码后即可设置新密码。新密码需为8-20位，包含字母和数字。如果手机号已停用，请选择“手机号不可用”，通过人工申诉找回账号。', tags: ['忘记密码', '找回密码', '重置密码'] },
  { id: 'zh-acc-sms-code', category: 'account', locale: 'zh-CN', views: 7200, title: '收不到短信验证码', body: '请确认手机号填写正确、信号正常，并检查短信是否被手机安全软件拦截。同一手机号每天最多获取10次验证码，60秒内只能获取一次。仍然收不到时可以选择“语音验证码”，系统会打电话告诉你。', tags: ['验证码', '短信', '语音验证码'] },
  { id: 'zh-acc-stolen', category: 'account', locale: 'zh-CN', views: 5100, title: '账号被盗了怎么办？', body: '如发现陌生设备登录、资料被修改或会员被他人使用，请立即在“设置-账号与安全-登录设备管理”中下线所有设备并修改密码。若已经无法登录，请通过“账号申诉”提交身份信息，我们会在24小时内处理。', tags: ['被盗', '盗号', '异地登录', '申诉'] },
  { id: 'zh-acc-change-phone', category: 'account', locale: 'zh-CN', views: 3900, title: '如何更换绑定的手机号', body: '进入“我的-设置-账号与安全-手机号”，验证原手机号后即可绑定新手机号。原手机号已经无法接收短信时，可以选择通过人脸识别验证身份后更换。', tags: ['换绑', '手机号', '绑定'] },
  { id: 'zh-acc-delete', category: 'account', locale: 'zh-CN', views: 2100, title: '如何注销账号', body: '注销后账号内的会员权益、观看记录、余额和上传的作品将被永久删除且无法恢复。进入“设置-账号与安全-注销账号”，按提示完成验证后提交申请；7天冷静期内重新登录即可撤销注销。', tags: ['注销', '删除账号', '销户'] },
  { id: 'zh-acc-multi-device', category: 'account', locale: 'zh-CN', views: 4600, title: '一个账号可以在几台设备上登录？', body: '普通账号最多同时在5台设备登录；会员账号同一时间最多2台设备同时播放。超出后最早登录的设备会被自动下线。你可以在“登录设备管理”中查看和移除设备。', tags: ['多设备', '同时登录', '设备上限', '踢下线'] },
  { id: 'zh-acc-wechat-login', category: 'account', locale: 'zh-CN', views: 3300, title: '微信、QQ授权登录失败', body: '请确认已安装最新版微信或QQ，并在第三方应用授权页面点击允许。如果提示“该微信已绑定其他账号”，请用原账号登录后在“第三方账号绑定”中解绑，再重新授权。', tags: ['微信登录', 'QQ登录', '第三方登录', '授权'] },
  { id: 'zh-acc-banned', category: 'account', locale: 'zh-CN', views: 2800, title: '账号被封禁或限制怎么办', body: '账号因违反社区规范被限制时，会在消息中心收到通知，说明原因和期限。如对处罚有异议，可在通知内点击“申诉”提交说明，申诉结果会在3个工作日内反馈。', tags: ['封号', '禁言', '限制', '申诉'] },
  { id: 'zh-acc-nickname', category: 'account', locale: 'zh-CN', views: 1900, title: '如何修改昵称和头像', body: '进入“我的-编辑资料”即可修改头像、昵称和个人简介。昵称每30天可修改一次，头像和昵称需通过审核后才会展示，审核一般在1小时内完成。', tags: ['昵称', '头像', '个人资料', '改名'] },
  { id: 'zh-acc-realname', category: 'account', locale: 'zh-CN', views: 2400, title: '实名认证怎么做？', body: '开通直播、提现或参与部分活动需要实名认证。进入“设置-账号与安全-实名认证”，填写姓名和身份证号并完成人脸识别。未成年人无法开通直播和提现。', tags: ['实名认证', '身份证', '人脸识别'] },
  { id: 'zh-acc-login-abnormal', category: 'account', locale: 'zh-CN', views: 2600, title: '登录时提示“环境异常”', body: '频繁切换网络、使用代理或模拟器时，系统可能判定登录环境存在风险。请关闭VPN或代理，切换到常用网络后重试，或按提示完成滑块验证。', tags: ['环境异常', '登录失败', '风控', '滑块验证'] },
  { id: 'zh-acc-tv-login', category: 'account', locale: 'zh-CN', views: 3100, title: '电视端如何扫码登录', body: '在电视或盒子上打开应用，进入“我的-登录”，屏幕上会显示二维码。用手机应用的“扫一扫”扫码并确认即可登录。电视端观看会员内容需要超级会员或电视会员。', tags: ['电视登录', '扫码登录', '二维码', 'TV'] },

  // membership & payment
  { id: 'zh-mem-cancel-auto-renew', category: 'membership', locale: 'zh-CN', views: 12500, title: '如何取消自动续费', body: '自动续费需要在开通时的支付渠道取消。<b>微信</b>：我-服务-钱包-支付设置-自动续费；<b>支付宝</b>：我的-设置-支付设置-免密支付/自动扣款；<b>苹果设备</b>：设置-Apple ID-订阅。取消后，当前会员到期前仍可正常使用。', tags: ['自动续费', '取消续费', '关闭续费', '扣费'] },
  { id: 'zh-mem-refund', category: 'membership', locale: 'zh-CN', views: 8700, title: '会员可以退款吗', body: '会员开通后已经生效的权益一般不支持退款。如遇重复扣费、未成年人误充值或开通后权益完全无法使用，请在“我的-客服-会员问题”提交订单号申请退款，审核通过后3-7个工作日原路退回。', tags: ['退款', '退钱', '退费', '重复扣费'] },
  { id: 'zh-mem-not-active', category: 'membership', locale: 'zh-CN', views: 6900, title: '开通了会员但没有生效', body: '支付成功后会员通常在1分钟内到账。请先确认登录的是付款时的账号，然后在“我的-会员中心”下拉刷新。若超过30分钟仍未生效，请提供支付截图和订单号联系客服。', tags: ['会员未到账', '没生效', '充值失败', '订单'] },
  { id: 'zh-mem-ads-still', category: 'membership', locale: 'zh-CN', views: 7600, title: '开了VIP会员为什么还有广告', body: '会员可以免除片头贴片广告，但品牌合作植入、片中创意广告和开屏广告不在免广告范围内。若片头广告仍然出现，请退出后重新登录，或清除缓存后重试。', tags: ['去广告', '免广告', '广告', 'VIP特权'] },
  { id: 'zh-mem-types', category: 'membership', locale: 'zh-CN', views: 5400, title: '会员有哪几种，有什么区别', body: '黄金VIP会员可以在手机、电脑、平板上观看会员内容；超级会员（大会员）额外支持电视端观看和投屏4K画质。连续包月首月有优惠，年卡平均每月最划算。', tags: ['会员类型', '超级会员', '黄金会员', '大会员', '价格'] },
  { id: 'zh-mem-tv-vip', category: 'membership', locale: 'zh-CN', views: 4800, title: '手机开的会员为什么电视上不能用', body: '黄金VIP会员不包含电视端权益，在电视上观看会员内容需要开通超级会员或电视会员。已开通黄金会员的用户可以在会员中心补差价升级为超级会员。', tags: ['电视会员', '升级', '补差价', '超级会员'] },
  { id: 'zh-mem-upgrade', category: 'membership', locale: 'zh-CN', views: 1700, title: '如何升级会员或补差价', body: '进入“会员中心-升级”，系统会根据剩余天数计算需要补的差价，支付后立即升级为超级会员，到期时间保持不变。', tags: ['升级会员', '补差价'] },
  { id: 'zh-mem-pay-fail', category: 'membership', locale: 'zh-CN', views: 4100, title: '支付失败或者付款没反应', body: '请检查银行卡余额和单日限额，或者更换微信、支付宝等支付方式。使用苹果支付时，请确认Apple ID已绑定有效的付款方式。若扣款成功但页面显示失败，款项一般会在24小时内自动退回。', tags: ['支付失败', '付款失败', '扣款', '银行卡'] },
  { id: 'zh-mem-invoice', category: 'membership', locale: 'zh-CN', views: 1500, title: '如何开发票', body: '会员订单支持开具电子发票。进入“会员中心-我的订单”，选择订单后点击“开具发票”，填写抬头和税号，发票会在3个工作日内发送到你的邮箱。', tags: ['发票', '电子发票', '报销'] },
  { id: 'zh-mem-share-account', category: 'membership', locale: 'zh-CN', views: 3600, title: '会员可以多人共享吗', body: '会员账号仅限本人使用，同一时间最多2台设备同时播放。可在会员中心使用“亲情卡”为家人赠送观影天数。共享或出租账号可能导致账号被限制。', tags: ['共享会员', '借账号', '家庭共享', '亲情卡'] },
  { id: 'zh-mem-paid-episode', category: 'membership', locale: 'zh-CN', views: 5200, title: '开了会员为什么还要单独付费', body: '部分新上映的电影和超前点播剧集属于单独付费内容，会员可以享受折扣，但仍需购买。电影购买后48小时内有效，剧集超前点播有效期至该剧完结。', tags: ['单点付费', '超前点播', '付费电影', '单独购买'] },
  { id: 'zh-mem-coupon', category: 'membership', locale: 'zh-CN', views: 2200, title: '观影券怎么用', body: '观影券可以兑换单独付费的电影，在影片详情页点击“用券观看”即可。观影券有有效期，过期作废，可在“会员中心-我的卡券”查看剩余数量。', tags: ['观影券', '优惠券', '卡券', '用券'] },
  { id: 'zh-mem-redeem', category: 'membership', locale: 'zh-CN', views: 2500, title: '兑换码、激活码怎么用', body: '在“我的-会员中心-兑换会员”中输入兑换码即可激活对应的会员天数。兑换码区分大小写，每个码只能使用一次，请注意有效期。', tags: ['兑换码', '激活码', '礼品卡'] },

  // playback
  { id: 'zh-play-stutter', category: 'playback', locale: 'zh-CN', views: 11200, title: '视频播放卡顿、一直转圈怎么办', body: '卡顿通常与网络有关：请切换到更稳定的Wi-Fi或4G/5G网络，或在播放器右下角把清晰度调低到720P或“自动”。重启路由器、关闭其他正在下载的应用也能改善。若所有视频都卡，可能是地区网络故障，请反馈给我们并附上网络信息。', tags: ['卡顿', '缓冲', '加载慢', '转圈', '很卡'] },
  { id: 'zh-play-black-screen', category: 'playback', locale: 'zh-CN', views: 4300, title: '播放黑屏，只有声音没有画面', body: '可能是硬件解码与你的设备不兼容。请在“设置-播放设置”中关闭“硬件加速”，或更新应用到最新版本后重试。电脑浏览器请更新显卡驱动或更换浏览器。', tags: ['黑屏', '没画面', '硬件加速', '解码'] },
  { id: 'zh-play-no-sound', category: 'playback', locale: 'zh-CN', views: 3500, title: '视频有画面没有声音', body: '请检查手机是否静音、媒体音量是否调到最低，以及是否连接了蓝牙耳机。可以换一个视频确认是否为片源问题。仍然没有声音请重启应用。', tags: ['没声音', '无声', '静音', '音量'] },
  { id: 'zh-play-subtitle', category: 'playback', locale: 'zh-CN', views: 3800, title: '字幕不同步或显示错误', body: '在播放器的“字幕”菜单中可以切换字幕语言或关闭字幕。如字幕与声音不同步，可在“字幕-调整”中设置提前或延后。发现字幕翻译错误，欢迎通过“反馈-字幕问题”告诉我们具体时间点。', tags: ['字幕', '字幕不同步', '双语字幕', '字幕错误'] },
  { id: 'zh-play-resolution', category: 'playback', locale: 'zh-CN', views: 5600, title: '如何切换清晰度，看1080P、4K画质', body: '播放时点击画面，在右下角选择清晰度。1080P及以上需要登录，4K和杜比视界需要超级会员并且设备支持。网络较差时建议选择“自动”。', tags: ['清晰度', '画质', '4K', '1080P', '蓝光', '高清'] },
  { id: 'zh-play-speed', category: 'playback', locale: 'zh-CN', views: 4000, title: '倍速播放怎么设置', body: '播放时点击右下角“倍速”，可选择0.5x到3.0x。长按屏幕可以临时2倍速播放，松开后恢复。部分版权内容不支持倍速。', tags: ['倍速', '快进', '2倍速', '播放速度'] },
  { id: 'zh-play-skip-intro', category: 'playback', locale: 'zh-CN', views: 2300, title: '如何跳过片头片尾', body: '在播放器“设置”中打开“跳过片头片尾”，观看剧集时会自动跳过。开启“自动连播”后，一集结束会直接播放下一集。', tags: ['跳过片头', '片尾', '自动连播'] },
  { id: 'zh-play-region', category: 'playback', locale: 'zh-CN', views: 3000, title: '提示“该地区暂不支持播放”', body: '由于版权限制，部分内容仅在中国大陆地区提供。如果你身在海外，或者使用了VPN、代理，可能会看到这个提示。请关闭代理后重试。', tags: ['地区限制', '版权', '海外', '无法播放'] },
  { id: 'zh-play-error-code', category: 'playback', locale: 'zh-CN', views: 3400, title: '播放失败，提示错误代码', body: '出现错误代码时，请先检查网络并重试。常见代码：1001为网络超时，2003为版权受限，3002为登录状态失效需要重新登录。持续失败请截图错误代码反馈给客服。', tags: ['播放失败', '错误代码', '加载失败', '报错'] },
  { id: 'zh-play-history', category: 'playback', locale: 'zh-CN', views: 2700, title: '观看记录找不到了', body: '观看记录与账号绑定，请确认登录的是同一个账号。未登录时的记录只保存在本机，清除缓存或卸载后会丢失。可在“我的-历史记录”中查看，开启“多端同步”后手机和电脑的记录互通。', tags: ['观看记录', '历史记录', '续播', '同步'] },
  { id: 'zh-play-pip', category: 'playback', locale: 'zh-CN', views: 2000, title: '小窗播放、画中画怎么开', body: '在“设置-播放设置”中开启“小窗播放”，播放时返回桌面即可悬浮播放。安卓手机需要在系统设置中允许应用“显示悬浮窗”，iPhone需要iOS 14及以上。', tags: ['小窗', '画中画', '悬浮窗'] },
  { id: 'zh-play-background-audio', category: 'playback', locale: 'zh-CN', views: 2900, title: '锁屏后视频停止，如何后台播放', body: '会员可以开启“后台播放”，锁屏或切换到其他应用时继续播放声音。安卓手机请把本应用加入电池优化白名单，以免被系统清理。', tags: ['后台播放', '锁屏播放', '听视频'] },
  { id: 'zh-play-danmaku', category: 'playback', locale: 'zh-CN', views: 3200, title: '弹幕怎么关闭或屏蔽', body: '点击播放器上的“弹”字图标即可开关弹幕。在弹幕设置中可以调整透明度、字号和显示区域，也可以屏蔽关键词或特定用户。', tags: ['弹幕', '关闭弹幕', '屏蔽弹幕'] },

  // downloads & casting
  { id: 'zh-dl-how', category: 'downloads', locale: 'zh-CN', views: 6100, title: '如何下载视频离线观看', body: '在视频详情页点击“下载”按钮，选择清晰度和剧集即可。下载的内容在“我的-下载”中查看。部分版权内容不支持下载，会员内容在会员到期后无法播放。', tags: ['下载', '缓存视频', '离线观看'] },
  { id: 'zh-dl-stuck', category: 'downloads', locale: 'zh-CN', views: 3700, title: '下载一直暂停或下载失败', body: '请确认手机存储空间充足，并检查是否开启了“仅Wi-Fi下载”而当前使用的是移动网络。下载失败时可以删除该任务后重新下载，或在设置中更换存储位置。', tags: ['下载失败', '下载暂停', '下载慢', '存储空间'] },
  { id: 'zh-dl-expired', category: 'downloads', locale: 'zh-CN', views: 2600, title: '下载的视频提示已过期，不能看了', body: '下载的视频有版权有效期，通常为30天，并且需要每7天联网验证一次。会员内容在会员到期后无法播放，续费后联网即可恢复。', tags: ['下载过期', '离线过期', '无法播放'] },
  { id: 'zh-dl-export', category: 'downloads', locale: 'zh-CN', views: 2400, title: '下载的视频能导出到相册吗', body: '为了保护版权，下载内容是加密存储的，只能在本应用内播放，不支持导出到相册或传到电脑上。', tags: ['导出', '相册', '本地视频', '加密'] },
  { id: 'zh-dl-limit', category: 'downloads', locale: 'zh-CN', views: 1300, title: '最多能同时下载多少集', body: '普通用户同时最多下载3个任务，会员可以同时下载10个任务并享受加速下载。单个账号的离线视频总数上限为500个。', tags: ['下载数量', '下载上限', '批量下载'] },
  { id: 'zh-cast-how', category: 'downloads', locale: 'zh-CN', views: 6800, title: '如何投屏到电视', body: '确保手机和电视连接同一个Wi-Fi，播放视频时点击右上角的“投屏”图标，选择电视设备即可。电视需要支持DLNA，或者安装本应用的电视版。', tags: ['投屏', '电视', 'DLNA', '无线投屏'] },
  { id: 'zh-cast-not-found', category: 'downloads', locale: 'zh-CN', views: 4400, title: '投屏搜索不到电视', body: '请确认手机和电视在同一个Wi-Fi下（部分路由器的访客网络会隔离设备），重启电视和路由器后重试。iPhone可以尝试“屏幕镜像”（AirPlay），安卓手机可以尝试电视版扫码投屏。', tags: ['搜不到设备', '找不到电视', '投屏失败', 'AirPlay'] },
  { id: 'zh-cast-laggy', category: 'downloads', locale: 'zh-CN', views: 2700, title: '投屏后卡顿、画面不动', body: '投屏画质越高，对网络的要求越高，建议使用5GHz Wi-Fi并把投屏清晰度调低。投屏过程中手机可以锁屏，但不要从后台关闭应用。', tags: ['投屏卡顿', '投屏断开', '投屏延迟'] },
  { id: 'zh-cast-4k', category: 'downloads', locale: 'zh-CN', views: 1600, title: '投屏能看4K吗', body: '超级会员投屏时可以选择4K画质，需要电视支持4K解码。黄金会员投屏最高为1080P。', tags: ['投屏4K', '投屏画质', '投屏清晰度'] },
  { id: 'zh-dl-pc-client', category: 'downloads', locale: 'zh-CN', views: 1400, title: '电脑客户端在哪里下载', body: '在官网首页下载Windows或Mac客户端，客户端支持更高清的画质和批量下载。也可以直接用浏览器打开官网观看。', tags: ['电脑版', '客户端', 'Windows', 'Mac'] },
  { id: 'zh-dl-storage', category: 'downloads', locale: 'zh-CN', views: 2000, title: '视频缓存占空间太大，怎么清理', body: '在“我的-下载-编辑”中可以删除已经看完的视频；在“设置-清除缓存”中可以清理图片与播放缓存，不会删除已下载的内容。', tags: ['清理缓存', '存储空间', '内存不足', '删除下载'] },

  // content & copyright
  { id: 'zh-content-report', category: 'content', locale: 'zh-CN', views: 2900, title: '如何举报违规内容', body: '在视频或评论右上角点击“…”，选择“举报”，再选择举报原因（色情低俗、暴力、诈骗、侵权等）并提交。我们会在24小时内处理，结果会通过消息通知你。', tags: ['举报', '违规', '低俗', '不良内容'] },
  { id: 'zh-content-infringe', category: 'content', locale: 'zh-CN', views: 1800, title: '我的作品被别人盗用、搬运怎么办', body: '请通过“侵权投诉”页面提交原创证明（如原始文件、发布链接和时间）以及侵权内容的链接。核实后我们会下架侵权内容，并对搬运账号进行处罚。', tags: ['侵权', '搬运', '盗用', '版权投诉', '原创'] },
  { id: 'zh-content-takedown', category: 'content', locale: 'zh-CN', views: 2500, title: '我的视频被下架了', body: '视频可能因违反社区规范或收到版权投诉而被下架，具体原因会在消息中心通知你。若你认为处理有误，可以在“创作中心-稿件管理”中对该视频发起申诉。', tags: ['下架', '视频被删', '申诉', '稿件'] },
  { id: 'zh-content-missing-show', category: 'content', locale: 'zh-CN', views: 4200, title: '为什么某部剧或电影找不到了', body: '影视内容的版权有期限，版权到期后会暂时下线。你可以在搜索结果中点击“想看”，该内容重新上线时我们会通知你。', tags: ['找不到', '下线', '版权到期', '想看'] },
  { id: 'zh-content-request', category: 'content', locale: 'zh-CN', views: 1900, title: '想看的剧没有，可以求片吗', body: '在搜索无结果的页面点击“求片”，填写影片名称即可。我们会根据求片热度评估采购，但无法保证一定上线。', tags: ['求片', '片源', '建议'] },
  { id: 'zh-content-comment-deleted', category: 'content', locale: 'zh-CN', views: 1600, title: '我的评论为什么被删除了', body: '评论中包含广告引流、辱骂、未标记的剧透或敏感信息时，可能会被系统自动折叠或删除。请遵守社区规范，如果是误删可以在消息中心申诉。', tags: ['评论被删', '评论折叠', '评论'] },
  { id: 'zh-content-spoiler', category: 'content', locale: 'zh-CN', views: 900, title: '如何屏蔽剧透评论和弹幕', body: '在弹幕设置和评论区设置中打开“防剧透模式”，系统会隐藏被标记为剧透的内容。', tags: ['剧透', '防剧透'] },
  { id: 'zh-content-harmful', category: 'content', locale: 'zh-CN', views: 2100, title: '遇到诈骗、引流广告怎么处理', body: '请不要点击陌生链接或添加私信中的联系方式，平台不会以任何理由要求你转账。发现后请立即举报该账号，并把对方拉黑。', tags: ['诈骗', '骗子', '私信广告', '转账'] },
  { id: 'zh-content-music-copyright', category: 'content', locale: 'zh-CN', views: 1200, title: '视频因为背景音乐版权被静音', body: '使用未获授权的音乐可能导致视频被静音或限流。建议使用创作中心“音乐库”中的正版音乐，替换音乐后重新上传。', tags: ['背景音乐', '音乐版权', '静音', 'BGM'] },
  { id: 'zh-content-age-rating', category: 'content', locale: 'zh-CN', views: 1100, title: '内容分级和年龄限制说明', body: '部分内容仅对年满18岁且已实名认证的用户开放。未完成实名认证时，这些内容会显示为“暂无法观看”。', tags: ['分级', '年龄限制', '18岁'] },
  { id: 'zh-content-feedback-quality', category: 'content', locale: 'zh-CN', views: 1700, title: '反馈片源的画质或音质问题', body: '如果某部影片画面模糊、音画不同步或者缺集，请在播放页“…-反馈”中选择具体问题并描述时间点，我们会尽快修复片源。', tags: ['片源问题', '缺集', '音画不同步', '画面模糊'] },

  // creators & live streaming
  { id: 'zh-creator-upload-fail', category: 'creators', locale: 'zh-CN', views: 3300, title: '上传视频失败怎么办', body: '请检查视频格式（支持MP4、MOV、FLV）、大小（不超过8GB）和时长（不超过4小时），并保持网络稳定。网页端上传大文件时不要关闭页面，中断后可以断点续传。', tags: ['上传失败', '投稿', '视频格式', '上传慢'] },
  { id: 'zh-creator-review', category: 'creators', locale: 'zh-CN', views: 2900, title: '投稿审核要多久', body: '普通投稿一般在1小时内完成审核，高峰期或需要人工复审时可能需要24小时。审核未通过会在“创作中心-稿件管理”显示原因，修改后可以重新提交。', tags: ['审核', '审核中', '审核不通过'] },
  { id: 'zh-creator-low-views', category: 'creators', locale: 'zh-CN', views: 3600, title: '视频播放量很低，没有流量', body: '新视频会先推荐给小范围用户，根据完播率、点赞和评论等互动决定是否扩大推荐。建议优化封面和标题，保持稳定更新。违规或搬运的内容会被限流。', tags: ['播放量低', '没流量', '限流', '推荐'] },
  { id: 'zh-creator-live-apply', category: 'creators', locale: 'zh-CN', views: 2700, title: '如何开通直播权限', body: '完成实名认证、年满18周岁、账号无违规记录，即可在“创作中心-直播”申请开通直播。游戏直播需要使用电脑端直播工具或手机录屏直播。', tags: ['开直播', '直播权限', '主播', '申请直播'] },
  { id: 'zh-creator-live-lag', category: 'creators', locale: 'zh-CN', views: 1800, title: '直播卡顿，观众看得不流畅', body: '建议主播的上行带宽不低于5Mbps，推流码率设为2500-4000kbps，分辨率720P。使用有线网络比Wi-Fi更稳定，并关闭其他占用带宽的程序。', tags: ['直播卡顿', '推流', '码率', '带宽'] },
  { id: 'zh-creator-income', category: 'creators', locale: 'zh-CN', views: 2300, title: '创作收益怎么提现', body: '加入创作激励计划后，每月5日结算上个月的收益。满100元即可在“创作中心-收益”中提现到已实名的银行卡或支付宝，到账时间为1-3个工作日。', tags: ['收益', '提现', '结算'] },
  { id: 'zh-creator-incentive', category: 'creators', locale: 'zh-CN', views: 2000, title: '如何加入创作激励计划', body: '粉丝数达到1000，近30天有原创投稿且无违规记录，即可在创作中心申请加入激励计划。收益按视频的有效播放量和互动情况计算。', tags: ['创作激励', '变现', '赚钱', '粉丝'] },
  { id: 'zh-creator-live-ban', category: 'creators', locale: 'zh-CN', views: 1400, title: '直播被中断或封禁', body: '直播中出现违规内容（如抽烟、低俗、未经授权转播影视或体育赛事）会被警告或切断。多次违规将暂停直播权限，可以在消息通知中查看具体原因并申诉。', tags: ['直播封禁', '直播被切断', '断播'] },
  { id: 'zh-creator-gift', category: 'creators', locale: 'zh-CN', views: 1200, title: '直播礼物和打赏收入怎么算', body: '观众赠送的礼物按平台规则折算为主播收益，扣除平台分成后计入“直播收益”。未成年人打赏的款项可以由监护人申请退还。', tags: ['礼物', '打赏', '直播收益', '分成'] },
  { id: 'zh-creator-edit', category: 'creators', locale: 'zh-CN', views: 1000, title: '稿件发布后能修改封面和标题吗', body: '稿件发布后可以在“稿件管理-编辑”中修改封面、标题和简介。修改后需要重新审核，审核期间仍然展示原来的内容。', tags: ['封面', '修改标题', '编辑稿件'] },
  { id: 'zh-creator-verify', category: 'creators', locale: 'zh-CN', views: 1100, title: '如何申请官方认证', body: '个人创作者粉丝数达到1万即可申请个人认证；企业和机构可以提交营业执照申请机构认证，认证后头像旁会显示认证标识。', tags: ['认证', '加V', '官方认证', '蓝V'] },

  // privacy
  { id: 'zh-priv-hide-lists', category: 'privacy', locale: 'zh-CN', views: 1700, title: '如何隐藏关注列表和观看记录', body: '进入“设置-隐私设置”，可以把关注列表、粉丝列表、收藏和观看记录设置为仅自己可见。', tags: ['隐私设置', '隐藏', '关注列表', '仅自己可见'] },
  { id: 'zh-priv-data-export', category: 'privacy', locale: 'zh-CN', views: 600, title: '如何下载我的个人数据', body: '你可以在“设置-隐私-个人信息管理”中申请导出账号资料、观看记录和订单记录，我们会在15个工作日内发送到你绑定的邮箱。', tags: ['个人信息', '数据导出', '个人数据'] },
  { id: 'zh-priv-permissions', category: 'privacy', locale: 'zh-CN', views: 1300, title: '应用为什么需要麦克风、相机、位置权限', body: '相机和麦克风只在拍摄、直播和语音搜索时使用；位置用于推荐同城内容，可以拒绝。你可以随时在系统设置中关闭相关权限，不影响观看视频。', tags: ['权限', '麦克风', '相机', '定位'] },
  { id: 'zh-priv-personalized', category: 'privacy', locale: 'zh-CN', views: 1500, title: '如何关闭个性化推荐', body: '在“设置-隐私设置-个性化推荐”中关闭后，首页将展示热门内容，而不是根据你的兴趣推荐。广告也可以单独关闭个性化。', tags: ['个性化推荐', '推荐算法', '关闭推荐', '个性化广告'] },
  { id: 'zh-priv-block-user', category: 'privacy', locale: 'zh-CN', views: 1400, title: '如何拉黑或屏蔽某个用户', body: '进入对方的主页，点击右上角“…”，选择“拉黑”。被拉黑的用户无法给你发私信、评论你的作品或查看你的动态。', tags: ['拉黑', '黑名单', '屏蔽用户'] },
  { id: 'zh-priv-private-message', category: 'privacy', locale: 'zh-CN', views: 900, title: '如何关闭陌生人私信', body: '在“设置-隐私设置-私信”中，可以选择“仅我关注的人”或“不接收任何人的私信”，减少陌生人骚扰。', tags: ['私信', '陌生人', '骚扰'] },
  { id: 'zh-priv-leak', category: 'privacy', locale: 'zh-CN', views: 1000, title: '担心个人信息泄露怎么办', body: '我们不会向第三方出售你的个人信息，工作人员也不会索要你的密码或验证码。若接到自称客服的电话要求转账或“退款操作”，请直接挂断并举报。', tags: ['信息泄露', '隐私政策', '冒充客服'] },
  { id: 'zh-priv-phone-search', category: 'privacy', locale: 'zh-CN', views: 700, title: '别人能通过手机号找到我吗', body: '在“隐私设置-通过手机号找到我”中关闭后，其他用户就无法通过通讯录或手机号搜索到你的账号。', tags: ['通讯录', '手机号搜索', '找到我'] },
  { id: 'zh-priv-clear-search', category: 'privacy', locale: 'zh-CN', views: 800, title: '如何清除搜索记录', body: '在搜索页点击“搜索历史”右侧的垃圾桶图标即可清空，也可以长按单条记录删除。', tags: ['搜索记录', '清除记录', '删除历史'] },

  // teen mode
  { id: 'zh-teen-what', category: 'teen', locale: 'zh-CN', views: 1900, title: '青少年模式是什么', body: '开启后，应用只展示适合未成年人的内容，每日使用时长默认40分钟，22点至次日6点无法使用，并会关闭直播打赏、充值和私信功能。', tags: ['青少年模式', '未成年', '防沉迷'] },
  { id: 'zh-teen-turn-off', category: 'teen', locale: 'zh-CN', views: 4700, title: '青少年模式怎么关闭', body: '在首页弹窗或“我的-青少年模式”中点击“关闭青少年模式”，输入开启时设置的4位密码即可关闭。', tags: ['关闭青少年模式', '退出青少年模式'] },
  { id: 'zh-teen-forgot-pin', category: 'teen', locale: 'zh-CN', views: 3100, title: '忘记了青少年模式的密码', body: '在输入密码的页面点击“忘记密码”，由监护人完成实名验证或人工申诉后即可重置青少年模式密码。', tags: ['青少年模式密码', '重置', '监护人'] },
  { id: 'zh-teen-time-limit', category: 'teen', locale: 'zh-CN', views: 1200, title: '青少年模式的使用时间用完了', body: '每日时长用完后，需要监护人输入密码才能继续使用，时长在次日0点重置。监护人可以在设置中修改每日可用时长。', tags: ['使用时长', '时间限制', '防沉迷'] },
  { id: 'zh-teen-refund', category: 'teen', locale: 'zh-CN', views: 2600, title: '孩子偷偷充值或打赏，怎么退款', body: '未成年人未经监护人同意的充值和打赏可以申请退还。请监护人通过“客服-未成年人退款”提交孩子的身份证明、付款记录和情况说明，我们会在7个工作日内处理。', tags: ['未成年退款', '孩子充值', '打赏退款', '误充值'] },
  { id: 'zh-teen-popup', category: 'teen', locale: 'zh-CN', views: 1500, title: '每次打开都弹出青少年模式提示', body: '这是根据相关规定设置的每日提醒，点击“我知道了”即可关闭，当天不会再提示。', tags: ['弹窗', '青少年模式提示'] },
  { id: 'zh-teen-guardian', category: 'teen', locale: 'zh-CN', views: 800, title: '家长如何管理孩子的账号', body: '使用“家长守护”功能，监护人可以远程查看孩子的观看时长、设置可用时段和屏蔽的内容类型。', tags: ['家长守护', '家长控制', '监护人'] },
  { id: 'zh-teen-content', category: 'teen', locale: 'zh-CN', views: 600, title: '青少年模式下能看哪些内容', body: '青少年模式的内容池包括动画、科普、教育、纪录片等经过人工筛选的内容，不包括会员付费内容和直播。', tags: ['青少年内容', '动画', '教育'] },
];
