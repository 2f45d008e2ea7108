/** Error and notice messages, Vietnamese first. Keys are stable identifiers used by AppError. */
export const messages = {
  'error.validation': { vi: 'Dữ liệu gửi lên không hợp lệ', en: 'The request data is invalid' },
  'error.malformed_json': { vi: 'Nội dung JSON không đúng cú pháp', en: 'The JSON body is malformed' },
  'error.nul_character': { vi: 'Dữ liệu chứa ký tự không hợp lệ (NUL)', en: 'The data contains an invalid (NUL) character' },
  'error.body_too_large': { vi: 'Nội dung gửi lên quá lớn', en: 'The request body is too large' },
  'error.unsupported_media_type': { vi: 'Kiểu nội dung không được hỗ trợ', en: 'Unsupported content type' },
  'error.not_found': { vi: 'Không tìm thấy', en: 'Not found' },
  'error.route_not_found': { vi: 'Không có đường dẫn này', en: 'No such route' },
  'error.unauthenticated': { vi: 'Bạn cần đăng nhập', en: 'Sign-in required' },
  'error.csrf': { vi: 'Thiếu hoặc sai mã chống giả mạo yêu cầu (CSRF)', en: 'Missing or invalid CSRF token' },
  'error.rate_limited': { vi: 'Quá nhiều yêu cầu, vui lòng thử lại sau', en: 'Too many requests, try again later' },
  'error.conflict': { vi: 'Dữ liệu đã bị người khác thay đổi; hãy tải lại', en: 'The data was changed by someone else; reload it' },
  'error.internal': { vi: 'Lỗi hệ thống, vui lòng thử lại', en: 'Internal error, please try again' },
  'error.forbidden_action': { vi: 'Bạn không có quyền thực hiện thao tác này', en: 'You may not perform this action' },
  'auth.invalid_credentials': { vi: 'Tên đăng nhập hoặc mật khẩu không đúng', en: 'Wrong username or password' },
  'auth.locked': {
    vi: 'Tài khoản tạm khoá do đăng nhập sai nhiều lần; thử lại sau {minutes} phút',
    en: 'Account temporarily locked after repeated failures; try again in {minutes} minutes',
  },
  'auth.inactive': { vi: 'Tài khoản đã bị vô hiệu hoá', en: 'The account is disabled' },
  'auth.wrong_current_password': { vi: 'Mật khẩu hiện tại không đúng', en: 'The current password is wrong' },
  'auth.weak_password': {
    vi: 'Mật khẩu phải có ít nhất 10 ký tự, gồm chữ và số',
    en: 'The password needs at least 10 characters, with letters and digits',
  },
  'auth.token_invalid': { vi: 'Mã truy cập API không hợp lệ hoặc đã hết hạn', en: 'The API token is invalid or expired' },
  'user.username_taken': { vi: 'Tên đăng nhập đã tồn tại', en: 'The username is taken' },
  'user.cannot_grant_role': {
    vi: 'Bạn không thể cấp vai trò {role} trong phạm vi này',
    en: 'You cannot grant role {role} in this scope',
  },
  'user.not_found': { vi: 'Không có người dùng {username}', en: 'No user named {username}' },
  'user.outranks_actor': {
    vi: 'Người dùng này có quyền vượt ngoài phạm vi của bạn',
    en: 'This user holds rights beyond your scope',
  },
  'user.cannot_deactivate_self': { vi: 'Bạn không thể tự vô hiệu hoá tài khoản của mình', en: 'You cannot disable your own account' },
  'user.unit_not_found': { vi: 'Không tìm thấy đơn vị {unit}', en: 'Unit {unit} not found' },
  'user.unit_ambiguous': {
    vi: 'Mã đơn vị {unit} ứng với nhiều đơn vị đang có hiệu lực; hãy dùng mã định danh (UUID)',
    en: 'Unit code {unit} matches several units in force; use the unit id',
  },
  'grant.date_order': { vi: 'Ngày hết hiệu lực phải sau ngày bắt đầu', en: 'The end date must be after the start date' },
  'grant.not_found': { vi: 'Người dùng {username} không có vai trò {role} đang hiệu lực', en: 'User {username} has no active grant of role {role}' },
  'audit.date_order': { vi: 'Ngày "đến" phải không trước ngày "từ"', en: 'The "to" date must not be before the "from" date' },
  'token.permission_not_held': {
    vi: 'Bạn không có quyền {permission} để gán cho mã truy cập',
    en: 'You do not hold permission {permission} to give to a token',
  },
  'unit.code_in_use': {
    vi: 'Mã {code} đang được đơn vị khác sử dụng trong cùng thời gian hiệu lực',
    en: 'Code {code} is used by another unit in the same validity period',
  },
  'unit.parent_not_valid': {
    vi: 'Đơn vị cấp trên không có hiệu lực vào ngày {date}',
    en: 'The parent unit is not valid on {date}',
  },
  'unit.cycle': { vi: 'Không thể đặt đơn vị làm cấp dưới của chính nó', en: 'A unit cannot be placed under itself' },
  'unit.date_order': { vi: 'Ngày kết thúc phải sau ngày bắt đầu', en: 'The end date must be after the start date' },
  'unit.already_closed': { vi: 'Đơn vị đã chấm dứt hoạt động từ {date}', en: 'The unit ceased on {date}' },
  'unit.event_before_start': {
    vi: 'Ngày hiệu lực phải sau ngày bắt đầu của phiên bản hiện tại ({date})',
    en: 'The effective date must be after the start of the current version ({date})',
  },
  'unit.kind_unknown': { vi: 'Loại đơn vị {kind} không có trong danh mục', en: 'Unit kind {kind} is not in the catalogue' },
  'group.member_exists': { vi: 'Đơn vị đã là thành viên của cụm/khối', en: 'The unit is already a member' },
  'unit.has_open_children': {
    vi: 'Đơn vị còn {count} đơn vị trực thuộc đang hoạt động sau ngày {date}: {names}',
    en: 'The unit still has {count} subordinate units in force after {date}: {names}',
  },
  'unit.related_not_valid': { vi: 'Đơn vị liên quan không có hiệu lực vào ngày {date}', en: 'The related unit is not valid on {date}' },
  'unit.related_self': { vi: 'Đơn vị liên quan không thể là chính đơn vị này', en: 'The related unit cannot be the unit itself' },
  'unit.same_parent': { vi: 'Đơn vị đã trực thuộc đơn vị cấp trên này', en: 'The unit is already under this parent' },
  'unit.same_name': { vi: 'Tên mới trùng tên hiện tại', en: 'The new name equals the current one' },
  'unit.field_changed': { vi: 'Trường này đã được người khác thay đổi', en: 'Changed by someone else' },
  'unit.tenant_wide_required': {
    vi: 'Thao tác này cần quyền quản lý đơn vị trên toàn tỉnh/thành phố',
    en: 'This needs the unit management right for the whole province',
  },
  'group.code_in_use': {
    vi: 'Mã {code} đang được cụm/khối khác sử dụng trong cùng thời gian hiệu lực',
    en: 'Code {code} is used by another group in the same validity period',
  },
  'group.not_valid': { vi: 'Cụm/khối không có hiệu lực vào ngày {date}', en: 'The group is not valid on {date}' },
  'group.unit_not_valid': { vi: 'Đơn vị không có hiệu lực vào ngày {date}', en: 'The unit is not valid on {date}' },
  'group.lead_exists': { vi: 'Cụm/khối đã có đơn vị trưởng trong thời gian này', en: 'The group already has a lead unit in this period' },
  'group.member_already_ended': { vi: 'Tư cách thành viên đã kết thúc từ {date}', en: 'The membership already ended on {date}' },
  'movement.code_taken': { vi: 'Mã phong trào {code} đã tồn tại', en: 'Movement code {code} already exists' },
  'movement.invalid_package': { vi: 'Gói phong trào không hợp lệ: {count} lỗi', en: 'The movement package is invalid: {count} errors' },
  'movement.status_transition': {
    vi: 'Không chuyển được trạng thái từ {from} sang {to}; chỉ cho phép nháp → đang triển khai → đã kết thúc',
    en: 'Cannot change the status from {from} to {to}; only draft → active → closed',
  },
  'movement.phase_unknown': { vi: 'Phong trào không có giai đoạn {phase}', en: 'The movement has no phase {phase}' },
  'movement.deadline_outside_phase': {
    vi: 'Hạn {deadline} nằm ngoài giai đoạn {phase} ({from} – {to})',
    en: 'Deadline {deadline} is outside phase {phase} ({from} – {to})',
  },
  'movement.milestone_code_taken': { vi: 'Mã mốc {code} đã có trong phong trào', en: 'Milestone code {code} already exists in the movement' },
  'movement.kind_not_participant': {
    vi: 'Loại đối tượng {kind} không tham gia phong trào này',
    en: 'Kind {kind} does not take part in this movement',
  },
  'movement.agency_unit_invalid': {
    vi: 'Đơn vị không thuộc tỉnh/thành phố hoặc không có hiệu lực vào ngày {date}',
    en: 'The unit is not of this province or not valid on {date}',
  },
  'movement.agency_date_order': {
    vi: 'Ngày bắt đầu phải sau ngày {date} (bắt đầu của phân công hiện tại hoặc gần nhất cho vai trò này)',
    en: 'The start date must be after {date} (start of the current or latest assignment of this role)',
  },
  'movement.no_frozen_version': {
    vi: 'Phong trào chưa có phiên bản bộ tiêu chí nào đã ban hành (khoá) để xuất',
    en: 'The movement has no frozen criteria version to export',
  },
  'criteria.version_frozen': {
    vi: 'Phiên bản {version} đã khoá từ {date} (lý do: {reason}); hãy tạo phiên bản sửa đổi',
    en: 'Version {version} has been frozen since {date} (reason: {reason}); create an amendment',
  },
  'criteria.version_draft': {
    vi: 'Phiên bản {version} còn là bản nháp: chỉ lưu kết quả đánh giá trên phiên bản đã khoá (dùng "chạy thử" để thử bản nháp)',
    en: 'Version {version} is a draft: evaluations are stored only on frozen versions (use the dry run to try a draft)',
  },
  'criteria.invalid_definition': { vi: 'Bộ tiêu chí không hợp lệ: {count} lỗi', en: 'The criteria set is invalid: {count} errors' },
  'criteria.invalid_values': { vi: 'Số liệu nhập không hợp lệ', en: 'The data values are invalid' },
  'criteria.effective_date_order': {
    vi: 'Ngày hiệu lực phải sau ngày hiệu lực của phiên bản gốc ({date})',
    en: 'The effective date must be after that of the base version ({date})',
  },
  'criteria.base_not_in_set': { vi: 'Phiên bản gốc không thuộc bộ tiêu chí này', en: 'The base version does not belong to this criteria set' },
  'criteria.versions_not_in_set': { vi: 'Phiên bản không thuộc bộ tiêu chí này', en: 'The version does not belong to this criteria set' },
  'criteria.unit_level_unknown': {
    vi: 'Loại đơn vị {kind} chưa gắn với cấp tiêu chí hợp lệ (danh mục loại đơn vị)',
    en: 'Unit kind {kind} has no valid criteria level (unit kind catalogue)',
  },
  // ---- launch, registration, pilot units, difficulties (issue 4) ----
  'obligation.unit_not_valid': { vi: 'Đơn vị không hoạt động vào ngày {date}', en: 'The unit is not in force on {date}' },
  'obligation.movement_draft': { vi: 'Phong trào "{name}" chưa được triển khai (đang là bản nháp)', en: 'The movement "{name}" has not started (draft)' },
  'launch.date_future': { vi: 'Ngày phát động không được sau hôm nay', en: 'The launch date cannot be after today' },
  'launch.document_date_future': { vi: 'Ngày ban hành văn bản không được sau hôm nay', en: 'The document date cannot be after today' },
  'launch.movement_closed': { vi: 'Phong trào "{name}" đã kết thúc; không ghi nhận phát động mới', en: 'The movement "{name}" is closed; no new launches' },
  'launch.exists': { vi: 'Đơn vị đã ghi nhận phát động phong trào này (ngày {date}); hãy sửa bản ghi đã có', en: 'The unit already recorded its launch ({date}); edit that record' },
  'registration.movement_closed': { vi: 'Phong trào "{name}" đã kết thúc; không nhận đăng ký thi đua', en: 'The movement "{name}" is closed; registrations are not accepted' },
  'registration.exists': { vi: 'Đơn vị đã có bản đăng ký cho phong trào này; hãy sửa bản đã có', en: 'The unit already has a registration for this movement; edit it' },
  'registration.group_exists': { vi: 'Cụm/khối đã có bản đăng ký chung cho phong trào này', en: 'The group already has a joint registration for this movement' },
  'registration.group_no_lead': { vi: 'Cụm/khối chưa có đơn vị trưởng vào ngày {date}', en: 'The group has no lead unit on {date}' },
  'registration.transition': { vi: 'Không thể {action} bản đăng ký đang ở trạng thái "{status}"', en: 'Cannot {action} a registration in status "{status}"' },
  'registration.commitment_below': { vi: 'Cam kết {commitment} thấp hơn chỉ tiêu của Kế hoạch ({target}) cho {level}', en: 'The commitment {commitment} is below the plan target ({target}) for {level}' },
  'registration.commitment_above': { vi: 'Cam kết {commitment} cao hơn mức tối đa của Kế hoạch ({target}) cho {level}', en: 'The commitment {commitment} is above the plan limit ({target}) for {level}' },
  'registration.criterion_unknown': { vi: 'Bộ tiêu chí không có tiêu chí {code}', en: 'The criteria set has no criterion {code}' },
  'registration.criterion_not_applicable': { vi: 'Tiêu chí {code} không áp dụng cho {level}', en: 'Criterion {code} does not apply to {level}' },
  'registration.criterion_qualitative': { vi: 'Tiêu chí {code} là tiêu chí định tính, không nhận cam kết bằng số', en: 'Criterion {code} is qualitative and takes no numeric commitment' },
  'registration.commitment_duplicate': { vi: 'Tiêu chí {code} được cam kết hai lần', en: 'Criterion {code} is committed twice' },
  'registration.content_area_unknown': { vi: 'Phong trào không có nội dung thi đua {code}', en: 'The movement has no content area {code}' },
  'registration.no_criteria_version': { vi: 'Phong trào chưa có bộ tiêu chí đã ban hành để cam kết', en: 'The movement has no issued criteria set to commit to' },
  'registration.incomplete': { vi: 'Bản đăng ký chưa đủ thông tin để gửi', en: 'The registration is incomplete' },
  'registration.content_areas_required': { vi: 'Cần chọn ít nhất một nội dung thi đua', en: 'Choose at least one content area' },
  'registration.signer_required': { vi: 'Cần họ tên và chức vụ người ký', en: 'The signer name and position are required' },
  'registration.signed_on_required': { vi: 'Cần ngày ký bản đăng ký', en: 'The signing date is required' },
  'registration.signed_on_future': { vi: 'Ngày ký không được sau hôm nay', en: 'The signing date cannot be after today' },
  'pilot.movement_closed': { vi: 'Phong trào "{name}" đã kết thúc; không nhận đăng ký chỉ đạo điểm', en: 'The movement "{name}" is closed; pilot lists are not accepted' },
  'pilot.too_many_provincial': { vi: 'Hội đồng chọn 01 đến 02 đơn vị chỉ đạo điểm cấp tỉnh; danh sách có {count} đơn vị', en: 'The council picks 1 to 2 provincial pilot units; the list has {count}' },
  'pilot.outside_subtree': { vi: 'Đơn vị {name} không thuộc địa bàn {district}', en: 'The unit {name} is not within {district}' },
  'pilot.reason_required': { vi: 'Đăng ký hơn 02 đơn vị chỉ đạo điểm cần nêu lý do', en: 'More than two pilot units need a reason' },
  'pilot.not_district': { vi: 'Chỉ đơn vị cấp huyện đăng ký đơn vị chỉ đạo điểm trong địa bàn của mình', en: 'Only district-level units register pilot units of their own area' },
  'pilot.duplicate_unit': { vi: 'Đơn vị bị lặp trong danh sách', en: 'The unit is listed twice' },
  'pilot.registered_on_future': { vi: 'Ngày đăng ký không được sau hôm nay', en: 'The registration date cannot be after today' },
  'pilot.council_only': {
    vi: 'Chỉ Hội đồng Thi đua - Khen thưởng tỉnh hoặc cơ quan thường trực (toàn tỉnh) chọn đơn vị chỉ đạo điểm cấp tỉnh',
    en: 'Only the provincial council or the standing agency (province-wide) selects provincial pilot units',
  },
  'difficulty.transition': { vi: 'Không thể {action} kiến nghị đang ở trạng thái "{status}"', en: 'Cannot {action} a request in status "{status}"' },
} as const satisfies Record<string, { vi: string; en: string }>;

export type MessageKey = keyof typeof messages;
export type Locale = 'vi' | 'en';

/** Renders a message with {placeholders}. */
export function renderMessage(key: MessageKey, locale: Locale, params: Record<string, string | number> = {}): string {
  const template = messages[key][locale];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}
