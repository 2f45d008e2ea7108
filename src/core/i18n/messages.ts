/**
 * Error and notice messages, Vietnamese first. Keys are stable identifiers used by AppError, by error details
 * (`messageKey`) and as the message of zod checks in the shared contracts; the server renders them in the request's
 * language (`Accept-Language`), the web app in the user's.
 */
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
  // Field checks of the shared contracts (zod messages) and of the services (error details).
  'validation.date_format': { vi: 'Ngày phải có dạng YYYY-MM-DD, ví dụ 2021-08-25', en: 'Dates are written YYYY-MM-DD, e.g. 2021-08-25' },
  'validation.date_not_real': { vi: 'Ngày không có thật trên lịch (ví dụ 2021-02-30)', en: 'No such day in the calendar (e.g. 2021-02-30)' },
  // The bounds are EARLIEST_DATE and LATEST_DATE in src/core/dates.ts.
  'validation.date_out_of_range': { vi: 'Ngày phải trong khoảng 01/01/1900 – 31/12/2999', en: 'The date must be between 1900-01-01 and 2999-12-31' },
  'validation.required': { vi: 'Bắt buộc phải có', en: 'Required' },
  'validation.email': { vi: 'Địa chỉ e-mail không hợp lệ', en: 'Invalid e-mail address' },
  'validation.uuid': { vi: 'Mã định danh (UUID) không hợp lệ', en: 'Invalid identifier (UUID)' },
  'validation.min': { vi: 'Không được nhỏ hơn {min}', en: 'Must not be less than {min}' },
  'validation.max': { vi: 'Không được lớn hơn {max}', en: 'Must not be greater than {max}' },
  'validation.decimal': {
    vi: 'Phải là số thập phân, dấu chấm ngăn cách (ví dụ 90 hoặc 59.99)',
    en: 'Must be a decimal number with a point as separator (e.g. 90 or 59.99)',
  },
  'validation.code': {
    vi: 'Mã chỉ gồm chữ thường không dấu, số và dấu gạch dưới, bắt đầu bằng chữ',
    en: 'Codes use lower-case letters without diacritics, digits and underscores, and start with a letter',
  },
  'validation.movement_code': {
    vi: 'Mã phong trào chỉ gồm chữ thường không dấu, số và dấu gạch ngang, ví dụ cds-2021-2025',
    en: 'A movement code has lower-case letters without diacritics, digits and hyphens, e.g. cds-2021-2025',
  },
  'validation.username': { vi: 'Chỉ dùng chữ thường không dấu, chữ số và . _ -', en: 'Use lower-case letters without diacritics, digits and . _ -' },
  'validation.unit_code': { vi: 'Mã đơn vị gồm 2 đến 10 chữ số', en: 'A unit code has 2 to 10 digits' },
  'validation.phone': { vi: 'Số điện thoại chỉ gồm chữ số, dấu cách và + ( ) . -', en: 'A phone number has only digits, spaces and + ( ) . -' },
  'validation.group_code': { vi: 'Mã gồm chữ, số và . _ - (tối đa 50 ký tự)', en: 'A code has letters, digits and . _ - (at most 50 characters)' },
  // A problem the core's checks already word in both languages (expression language, criteria-set validation).
  'detail.worded': { vi: '{vi}', en: '{en}' },
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
  'user.unit_code_or_id': { vi: 'Chỉ dùng một trong hai: mã đơn vị hoặc mã định danh', en: 'Give either the unit code or the unit id, not both' },
  'user.role_unknown': { vi: 'Vai trò không có trong danh mục: {role}; cho phép: {allowed}', en: 'Role {role} is not in the catalogue; allowed: {allowed}' },
  'grant.date_order': { vi: 'Ngày hết hiệu lực phải sau ngày bắt đầu', en: 'The end date must be after the start date' },
  'grant.not_found': { vi: 'Người dùng {username} không có vai trò {role} đang hiệu lực', en: 'User {username} has no active grant of role {role}' },
  'audit.date_order': { vi: 'Ngày "đến" phải không trước ngày "từ"', en: 'The "to" date must not be before the "from" date' },
  'token.permission_not_held': {
    vi: 'Bạn không có quyền {permission} để gán cho mã truy cập',
    en: 'You do not hold permission {permission} to give to a token',
  },
  'token.expiry_not_future': { vi: 'Ngày hết hạn phải ở tương lai', en: 'Must be a future date' },
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
  'movement.kind_repeated': { vi: 'Loại đối tượng "{kind}" bị lặp', en: 'Kind "{kind}" is listed twice' },
  'movement.agency_unit_invalid': {
    vi: 'Đơn vị không thuộc tỉnh/thành phố hoặc không có hiệu lực vào ngày {date}',
    en: 'The unit is not of this province or not valid on {date}',
  },
  'movement.agency_date_order': {
    vi: 'Ngày bắt đầu phải sau ngày {date} (bắt đầu của phân công hiện tại hoặc gần nhất cho vai trò này)',
    en: 'The start date must be after {date} (start of the current or latest assignment of this role)',
  },
  'package.unreadable': { vi: 'Không đọc được dữ liệu gói phong trào', en: 'The movement package data cannot be read' },
  'package.not_json': { vi: 'Tệp không phải JSON hợp lệ{detail}', en: 'The file is not valid JSON{detail}' },
  'package.unknown_field': {
    vi: 'Trường không thuộc định dạng gói (có thể gõ sai tên trường)',
    en: 'Not a field of the package format (perhaps a misspelt field name)',
  },
  'package.duplicate': { vi: '{label} "{key}" bị trùng với {first}', en: '{label} "{key}" repeats {first}' },
  'package.label.document_number': { vi: 'Số văn bản', en: 'Document number' },
  'package.label.kind': { vi: 'Loại đối tượng', en: 'Kind' },
  'package.label.content_area_code': { vi: 'Mã nội dung', en: 'Content area code' },
  'package.label.order': { vi: 'Thứ tự', en: 'Order' },
  'package.label.priority_sector_code': { vi: 'Mã lĩnh vực ưu tiên', en: 'Priority sector code' },
  'package.label.award_form_code': { vi: 'Mã hình thức khen thưởng', en: 'Award form code' },
  'package.label.phase_code': { vi: 'Mã giai đoạn', en: 'Phase code' },
  'package.label.milestone_code': { vi: 'Mã mốc', en: 'Milestone code' },
  'package.role_dates': { vi: 'Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực', en: 'The end date must be after the start date' },
  'package.role_overlap': { vi: 'Thời gian giữ vai trò {role} chồng lấn với {other} ({unit})', en: 'The time holding role {role} overlaps {other} ({unit})' },
  'package.phase_dates': { vi: 'Ngày kết thúc giai đoạn phải sau hoặc bằng ngày bắt đầu', en: 'A phase must end on or after its start' },
  'package.phase_sequence': {
    vi: 'Giai đoạn phải bắt đầu sau khi giai đoạn trước ({previous}) kết thúc ngày {date}',
    en: 'A phase must start after the previous one ({previous}) ends on {date}',
  },
  'package.phase_unknown': { vi: 'Giai đoạn "{phase}" không có trong phases', en: 'Phase "{phase}" is not in phases' },
  'package.kind_unknown': { vi: 'Loại đối tượng "{kind}" không có trong participantKinds', en: 'Kind "{kind}" is not in participantKinds' },
  'package.content_area_unknown': { vi: 'Nội dung "{code}" không có trong contentAreas của phong trào', en: 'Content area "{code}" is not in the movement\'s contentAreas' },
  'package.content_area_title': { vi: 'Tên nội dung khác với contentAreas của phong trào ({code})', en: "The title differs from the movement's contentAreas ({code})" },
  'package.content_area_order': { vi: 'Thứ tự khác với contentAreas của phong trào ({code})', en: "The order differs from the movement's contentAreas ({code})" },
  'package.level_without_participants': {
    vi: 'Không có loại đối tượng nào ở cấp "{level}" (participantKinds)',
    en: 'No participant kind is at level "{level}" (participantKinds)',
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
  'criteria.element_unknown': { vi: "Chỉ tiêu dữ liệu '{code}' không có trong bộ tiêu chí", en: "Data element '{code}' is not in the criteria set" },
  'criteria.value_decimal': {
    vi: 'Cần số thập phân viết dạng chuỗi, dấu chấm ngăn cách (ví dụ "59.99"), hoặc null nếu chưa có số liệu',
    en: 'Needs a decimal number written as a string with a point as separator (e.g. "59.99"), or null when there is no figure yet',
  },
  'criteria.value_integer': { vi: 'Cần số nguyên', en: 'Needs a whole number' },
  'criteria.value_boolean': {
    vi: 'Cần true (có) hoặc false (không), hoặc null nếu chưa có số liệu',
    en: 'Needs true (yes) or false (no), or null when there is no figure yet',
  },
  'criteria.value_text': { vi: 'Cần chuỗi ký tự', en: 'Needs a text string' },
  'criteria.criterion_unknown': { vi: "Tiêu chí '{code}' không có trong bộ tiêu chí", en: "Criterion '{code}' is not in the criteria set" },
  'criteria.not_qualitative': { vi: "Tiêu chí '{code}' không phải tiêu chí định tính", en: "Criterion '{code}' is not a qualitative criterion" },
  'criteria.level_unknown': {
    vi: "Mức đánh giá '{level}' không có trong thang; cho phép: {allowed}",
    en: "Level '{level}' is not on the scale; allowed: {allowed}",
  },
  // ---- launch, registration, pilot units, difficulties (issue 4) ----
  'obligation.unit_not_valid': { vi: 'Đơn vị không hoạt động vào ngày {date}', en: 'The unit is not in force on {date}' },
  'obligation.movement_draft': { vi: 'Phong trào "{name}" chưa được triển khai (đang là bản nháp)', en: 'The movement "{name}" has not started (draft)' },
  'launch.date_future': { vi: 'Ngày phát động không được sau hôm nay', en: 'The launch date cannot be after today' },
  'launch.document_date_future': { vi: 'Ngày ban hành văn bản không được sau hôm nay', en: 'The document date cannot be after today' },
  'launch.movement_closed': { vi: 'Phong trào "{name}" đã kết thúc; không ghi nhận phát động mới', en: 'The movement "{name}" is closed; no new launches' },
  'launch.exists': {
    vi: 'Đơn vị đã ghi nhận phát động phong trào này (ngày {date}); hãy sửa bản ghi đã có',
    en: 'The unit already recorded its launch ({date}); edit that record',
  },
  'registration.movement_closed': { vi: 'Phong trào "{name}" đã kết thúc; không nhận đăng ký thi đua', en: 'The movement "{name}" is closed; registrations are not accepted' },
  'registration.exists': { vi: 'Đơn vị đã có bản đăng ký cho phong trào này; hãy sửa bản đã có', en: 'The unit already has a registration for this movement; edit it' },
  'registration.group_exists': { vi: 'Cụm/khối đã có bản đăng ký chung cho phong trào này', en: 'The group already has a joint registration for this movement' },
  'registration.group_no_lead': { vi: 'Cụm/khối chưa có đơn vị trưởng vào ngày {date}', en: 'The group has no lead unit on {date}' },
  'registration.transition': { vi: 'Không thể {action} bản đăng ký đang ở trạng thái "{status}"', en: 'Cannot {action} a registration in status "{status}"' },
  'registration.commitment_below': {
    vi: 'Cam kết {commitment} thấp hơn chỉ tiêu của Kế hoạch ({target}) cho {level}',
    en: 'The commitment {commitment} is below the plan target ({target}) for {level}',
  },
  'registration.commitment_above': {
    vi: 'Cam kết {commitment} cao hơn mức tối đa của Kế hoạch ({target}) cho {level}',
    en: 'The commitment {commitment} is above the plan limit ({target}) for {level}',
  },
  'registration.criterion_unknown': { vi: 'Bộ tiêu chí không có tiêu chí {code}', en: 'The criteria set has no criterion {code}' },
  'registration.criterion_not_applicable': { vi: 'Tiêu chí {code} không áp dụng cho {level}', en: 'Criterion {code} does not apply to {level}' },
  'registration.criterion_qualitative': {
    vi: 'Tiêu chí {code} là tiêu chí định tính, không nhận cam kết bằng số',
    en: 'Criterion {code} is qualitative and takes no numeric commitment',
  },
  'registration.commitment_duplicate': { vi: 'Tiêu chí {code} được cam kết hai lần', en: 'Criterion {code} is committed twice' },
  'registration.content_area_unknown': { vi: 'Phong trào không có nội dung thi đua {code}', en: 'The movement has no content area {code}' },
  'registration.no_criteria_version': { vi: 'Phong trào chưa có bộ tiêu chí đã ban hành để cam kết', en: 'The movement has no issued criteria set to commit to' },
  'registration.incomplete': { vi: 'Bản đăng ký chưa đủ thông tin để gửi', en: 'The registration is incomplete' },
  'registration.content_areas_required': { vi: 'Cần chọn ít nhất một nội dung thi đua', en: 'Choose at least one content area' },
  'registration.signer_required': { vi: 'Cần họ tên và chức vụ người ký', en: 'The signer name and position are required' },
  'registration.signed_on_required': { vi: 'Cần ngày ký bản đăng ký', en: 'The signing date is required' },
  'registration.signed_on_future': { vi: 'Ngày ký không được sau hôm nay', en: 'The signing date cannot be after today' },
  'registration.unit_or_group': {
    vi: 'Cần đúng một trong hai: đơn vị (unitId) hoặc cụm/khối (groupId)',
    en: 'Give exactly one of a unit (unitId) or a group (groupId)',
  },
  'registration.unit_or_group_query': { vi: 'Cần đúng một trong hai: unitId hoặc groupId', en: 'Give exactly one of unitId or groupId' },
  'pilot.movement_closed': { vi: 'Phong trào "{name}" đã kết thúc; không nhận đăng ký chỉ đạo điểm', en: 'The movement "{name}" is closed; pilot lists are not accepted' },
  'pilot.too_many_provincial': {
    vi: 'Hội đồng chọn 01 đến 02 đơn vị chỉ đạo điểm cấp tỉnh; danh sách có {count} đơn vị',
    en: 'The council picks 1 to 2 provincial pilot units; the list has {count}',
  },
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
  // Reports (issue 5)
  'report.criteria_invalid': { vi: 'Phiên bản bộ tiêu chí của kỳ báo cáo không hợp lệ', en: 'The criteria version of the period is invalid' },
  'report.period_not_open': { vi: 'Kỳ báo cáo {period} không mở để nhận báo cáo (trạng thái: {status})', en: 'Period {period} is not open for reports (status: {status})' },
  'report.period_locked': { vi: 'Kỳ báo cáo {period} đã khoá', en: 'Period {period} is locked' },
  'report.unit_not_reporting': { vi: 'Đơn vị không thuộc diện báo cáo kỳ {period}', en: 'The unit does not report in period {period}' },
  'report.stale': {
    vi: 'Báo cáo đã được người khác sửa (phiên bản {rowVersion}); các trường đã thay đổi được liệt kê, hãy tải lại',
    en: 'The report was changed by someone else (version {rowVersion}); the changed fields are listed, reload it',
  },
  'report.not_editable': { vi: 'Báo cáo ở trạng thái "{status}" không sửa được', en: 'A report in status "{status}" cannot be edited' },
  'report.invalid_values': { vi: 'Số liệu báo cáo không hợp lệ', en: 'The report values are invalid' },
  'report.comment_required': { vi: 'Cần nhận xét khi trả lại báo cáo', en: 'A comment is required to return a report' },
  'report.reason_required': { vi: 'Cần ghi lý do mở khoá', en: 'A reason is required to unlock' },
  'report.return_comment_required': {
    vi: 'Cần nhận xét chung hoặc nhận xét cho từng trường khi trả lại',
    en: 'A general comment or a comment on some field is required to return a report',
  },
  'report.field_changed': { vi: 'Đã được sửa từ {before} thành {after}', en: 'Changed from {before} to {after}' },
  'report.narrative_area_unknown': { vi: "Không có lĩnh vực '{area}' trong bộ tiêu chí", en: "The criteria set has no area '{area}'" },
  'report.judgement_unknown': { vi: 'Tiêu chí hoặc mức đánh giá không có trong bộ tiêu chí', en: 'The criterion or the level is not in the criteria set' },
  'report.idempotency_key_reused': {
    vi: 'Khoá chống lặp (Idempotency-Key) đã được dùng cho thao tác khác',
    en: 'The Idempotency-Key was already used for another action',
  },
  'report.idempotency_key_format': {
    vi: 'Khoá chống lặp phải gồm 8-128 ký tự chữ, số, . : _ -',
    en: 'The Idempotency-Key must have 8-128 letters, digits or . : _ -',
  },
  'report.transition_not_allowed': { vi: 'Không thể thực hiện "{action}" khi báo cáo ở trạng thái "{status}"', en: 'Cannot {action} a report in status "{status}"' },
  'report.cannot_submit': { vi: 'Chưa nộp được: còn {count} lỗi cần sửa', en: 'Cannot submit yet: {count} problems to fix' },
  'report.compilation_closed': { vi: 'Báo cáo tổng hợp đã đóng', en: 'The compiled report is already closed' },
  'report.compilation_unsettled': {
    vi: 'Chưa đóng được báo cáo tổng hợp: {count} đơn vị chưa được duyệt hoặc chưa được ghi nhận không báo cáo',
    en: 'Cannot close the compiled report: {count} units are neither approved nor marked missing',
  },
  'report.cannot_mark_missing': { vi: 'Đơn vị đã có báo cáo ở trạng thái "{status}"', en: 'The unit already has a report in status "{status}"' },
  'regime.code_taken': { vi: 'Mã chế độ báo cáo {code} đã tồn tại', en: 'Report regime code {code} already exists' },
  'regime.criteria_set_not_found': { vi: 'Không tìm thấy bộ tiêu chí', en: 'Criteria set not found' },
  'regime.custom_periods_by_hand': {
    vi: 'Chế độ báo cáo đột xuất/tuỳ chỉnh: hãy khai từng kỳ (custom)',
    en: 'An ad hoc/custom regime: declare each period (custom)',
  },
  'period.no_version': {
    vi: 'Bộ tiêu chí chưa có phiên bản hiệu lực vào ngày {date}',
    en: 'The criteria set has no version in force on {date}',
  },
  'period.exists': { vi: 'Kỳ báo cáo {code} đã có', en: 'Period {code} already exists' },
  'period.date_order': {
    vi: 'Ngày phải theo thứ tự: bắt đầu ≤ kết thúc số liệu, mở ≤ hạn nộp ≤ đóng ≤ khoá',
    en: 'Dates must be ordered: start ≤ end, opens ≤ due ≤ closes ≤ locks',
  },
  'period.not_scheduled': { vi: 'Kỳ báo cáo đã mở hoặc đã kết thúc', en: 'The period is already open or finished' },
  'evidence.no_file': { vi: 'Không có tệp trong yêu cầu tải lên (trường "file")', en: 'No file in the upload (field "file")' },
  'evidence.empty': { vi: 'Tệp rỗng (0 byte)', en: 'The file is empty' },
  'evidence.too_large': { vi: 'Tệp vượt quá dung lượng cho phép ({limit} MB)', en: 'The file exceeds the size limit ({limit} MB)' },
  'evidence.executable': {
    vi: 'Tệp là chương trình thực thi (dù có đuôi {ext}); không nhận tệp thực thi',
    en: 'The file is an executable program (despite its {ext} extension); executables are refused',
  },
  'evidence.unknown_type': {
    vi: 'Loại tệp không được chấp nhận; chỉ nhận PDF, DOCX, XLSX, ODT, ODS, PNG, JPEG (xác định theo nội dung tệp)',
    en: 'File type not accepted; only PDF, DOCX, XLSX, ODT, ODS, PNG, JPEG (decided by content)',
  },
  'evidence.zip_bomb': {
    vi: 'Tệp nén bất thường (giải nén quá {limit} MB hoặc quá nhiều thành phần); không nhận',
    en: 'Abnormal compressed file (expands beyond {limit} MB or too many entries); refused',
  },
  'evidence.corrupt': { vi: 'Tệp bị hỏng hoặc không đọc được ({type})', en: 'The file is corrupted or unreadable ({type})' },
  'evidence.macro': { vi: 'Không nhận tài liệu có macro', en: 'Documents with macros are refused' },
  'evidence.unknown_criterion': { vi: 'Tiêu chí {code} không có trong biểu mẫu của báo cáo', en: 'Criterion {code} is not on this report form' },
  'import.invalid_file': { vi: 'Tệp Excel không đúng mẫu: {reason}', en: 'The Excel file does not follow the template: {reason}' },
  'import.rows_invalid': {
    vi: 'Không nhập dữ liệu nào: có {count} lỗi trong tệp (xem danh sách)',
    en: 'Nothing imported: {count} errors in the file (see the list)',
  },
  'import.reason_zip_bomb': { vi: 'tệp nén bất thường (zip bomb)', en: 'an abnormal compressed file (zip bomb)' },
  'import.reason_empty': { vi: 'tệp rỗng', en: 'an empty file' },
  'import.reason_corrupt': { vi: 'tệp bị hỏng', en: 'a corrupted file' },
  'import.reason_not_xlsx': { vi: 'không phải tệp Excel .xlsx', en: 'not an Excel .xlsx file' },
  'import.conflict_retry': {
    vi: 'Có báo cáo vừa được nộp trong lúc nhập; không dòng nào được nhập, hãy thử lại',
    en: 'A report was submitted during the import; no row was imported, try again',
  },
  'import.failed': { vi: 'Lỗi hệ thống khi nhập; không dòng nào được nhập', en: 'System error during the import; no row was imported' },
  'import.workbook_corrupt': { vi: 'Tệp Excel bị hỏng, không đọc được', en: 'The Excel file is corrupted and cannot be read' },
  'import.sheet_missing': { vi: 'Không có trang "{sheet}" — hãy dùng mẫu tải từ hệ thống', en: 'No sheet "{sheet}" — use the template downloaded from the system' },
  'import.code_unknown': { vi: 'Mã chỉ tiêu "{code}" không có trong bộ tiêu chí của kỳ', en: 'Data element code "{code}" is not in the period\'s criteria set' },
  'import.code_row': {
    vi: 'Dòng mã cột không đúng mẫu (ô A5 phải là "unit_id")',
    en: 'The row of column codes does not follow the template (cell A5 must be "unit_id")',
  },
  'import.period_not_open': { vi: 'Kỳ báo cáo {period} không mở để nhận số liệu', en: 'Period {period} is not open for data' },
  'import.unit_not_expected': {
    vi: 'Đơn vị "{unit}" không thuộc diện báo cáo kỳ này (mã định danh không đúng)',
    en: 'Unit "{unit}" does not report in this period (wrong identifier)',
  },
  'import.unit_repeated': { vi: 'Đơn vị {unit} xuất hiện nhiều lần trong tệp', en: 'Unit {unit} appears more than once in the file' },
  'import.unit_out_of_scope': { vi: 'Bạn không có quyền báo cáo cho đơn vị {unit}', en: 'You may not report for {unit}' },
  'import.report_not_editable': {
    vi: 'Báo cáo của {unit} đang ở trạng thái "{status}", không nhập đè được',
    en: 'The report of {unit} is "{status}" and cannot be overwritten',
  },
  'import.not_applicable': { vi: '{element}: chỉ tiêu không áp dụng cho {unit}, để trống', en: '{element}: does not apply to {unit}; leave it blank' },
  'import.cell_yes_no': { vi: 'Phải chọn "{yes}" hoặc "{no}" (đang là "{value}")', en: 'Choose "{yes}" or "{no}" (it is "{value}")' },
  'import.cell_not_number': { vi: 'Không phải số', en: 'Not a number' },
  'import.cell_number_range': { vi: 'Số quá lớn hoặc quá nhỏ: {value}', en: 'Number too large or too small: {value}' },
  'import.cell_number': { vi: 'Phải là số', en: 'Must be a number' },
  'snapshot.published': {
    vi: 'Bảng xếp hạng của kỳ đã công bố nên không thay đổi được nữa',
    en: 'The ranking of this period is published and can no longer change',
  },
  'snapshot.missing': { vi: 'Kỳ này chưa có bảng xếp hạng đã chốt', en: 'This period has no frozen ranking yet' },
  'snapshot.not_published': {
    vi: 'Chỉ đính chính được bảng xếp hạng đã công bố; bảng chưa công bố thì chốt lại',
    en: 'Only a published ranking can be corrected; freeze an unpublished one again instead',
  },
  'snapshot.correction_pending': {
    vi: 'Đã có một bản đính chính chưa công bố: hãy chốt lại hoặc công bố bản đó',
    en: 'A correction is already pending: freeze it again or publish it',
  },
  'snapshot.period_not_open': { vi: 'Chỉ đóng được kỳ báo cáo đang mở (trạng thái hiện tại: {status})', en: 'Only an open period can be closed (current status: {status})' },
  'snapshot.period_not_closed': {
    vi: 'Kỳ báo cáo chưa đóng (trạng thái: {status}); hãy dùng "Đóng kỳ và chốt xếp hạng"',
    en: 'The period is not closed (status: {status}); use "close and freeze"',
  },
  'snapshot.no_movement': {
    vi: 'Chế độ báo cáo của kỳ không gắn với phong trào nào nên không có xếp hạng',
    en: "The period's regime belongs to no movement, so there is no ranking",
  },
  'map.invalid_json': { vi: 'Tệp không phải JSON hợp lệ: {reason}', en: 'The file is not valid JSON: {reason}' },
  'map.not_feature_collection': {
    vi: 'GeoJSON phải là một FeatureCollection có mảng "features" không rỗng',
    en: 'The GeoJSON must be a FeatureCollection with a non-empty "features" array',
  },
  'map.invalid_features': {
    vi: 'Không lưu ranh giới nào: có {count} lỗi trong tệp GeoJSON (xem danh sách theo từng đối tượng)',
    en: 'No boundary saved: {count} errors in the GeoJSON file (see the list per feature)',
  },
  'map.too_large': { vi: 'Tệp GeoJSON vượt quá dung lượng cho phép ({limit} MB)', en: 'The GeoJSON file exceeds the size limit ({limit} MB)' },
  'map.no_file': { vi: 'Không có tệp GeoJSON trong yêu cầu tải lên (trường "file")', en: 'No GeoJSON file in the upload (field "file")' },
  'map.no_boundaries': { vi: 'Chưa có bộ ranh giới đơn vị nào; quản trị viên cần tải lên tệp GeoJSON', en: 'No unit boundaries yet; an administrator must upload a GeoJSON file' },
  'map.unknown_criterion': {
    vi: 'Tiêu chí {code} không có ở cấp này trong phiên bản bộ tiêu chí của kỳ',
    en: "Criterion {code} does not apply at this level in the period's criteria version",
  },
  'map.ring_too_short': { vi: 'Vòng ranh giới phải là mảng có ít nhất 4 điểm', en: 'A boundary ring must be an array of at least 4 positions' },
  'map.position_not_numbers': { vi: 'Toạ độ phải là cặp số [kinh độ, vĩ độ]', en: 'A position must be a pair of numbers [longitude, latitude]' },
  'map.position_out_of_range': {
    vi: 'Toạ độ [{longitude}, {latitude}] ngoài phạm vi (kinh độ −180…180, vĩ độ −90…90)',
    en: 'Position [{longitude}, {latitude}] is out of range (longitude −180…180, latitude −90…90)',
  },
  'map.ring_not_closed': {
    vi: 'Vòng ranh giới phải khép kín (điểm cuối trùng điểm đầu)',
    en: 'A boundary ring must be closed (its last position equal to its first)',
  },
  'map.polygon_empty': { vi: 'Polygon phải có ít nhất một vòng ranh giới', en: 'A Polygon needs at least one ring' },
  'map.feature_type': { vi: 'Đối tượng {index}: phải có "type": "Feature"', en: 'Feature {index}: "type" must be "Feature"' },
  'map.geometry_missing': { vi: 'Đối tượng {index}: thiếu hình học (geometry)', en: 'Feature {index}: no geometry' },
  'map.multipolygon_empty': { vi: 'Đối tượng {index}: MultiPolygon phải có ít nhất một Polygon', en: 'Feature {index}: a MultiPolygon needs at least one Polygon' },
  'map.geometry_type': {
    vi: 'Đối tượng {index}: kiểu hình học "{type}" không được nhận; chỉ nhận Polygon hoặc MultiPolygon',
    en: 'Feature {index}: geometry type "{type}" is not accepted; only Polygon or MultiPolygon',
  },
  'map.code_missing': { vi: 'Đối tượng {index}: thiếu mã đơn vị (thuộc tính "{property}")', en: 'Feature {index}: no unit code (property "{property}")' },
  'map.code_unknown': {
    vi: 'Đối tượng {index}: mã đơn vị "{code}" không khớp đơn vị nào có hiệu lực ngày {date}',
    en: 'Feature {index}: unit code "{code}" matches no unit in force on {date}',
  },
  'map.code_repeated': { vi: 'Đối tượng {index}: mã đơn vị "{code}" trùng với đối tượng {first}', en: 'Feature {index}: unit code "{code}" repeats feature {first}' },
} as const satisfies Record<string, { vi: string; en: string }>;

export type MessageKey = keyof typeof messages;
export type Locale = 'vi' | 'en';
/** Values for a message's {placeholders}. */
export type MessageParams = Record<string, string | number>;

/** Whether a text is a catalogue key (zod carries a check's message key as its message text). */
export function isMessageKey(value: string): value is MessageKey {
  return Object.hasOwn(messages, value);
}

/** Renders a message with {placeholders}. */
export function renderMessage(key: MessageKey, locale: Locale, params: MessageParams = {}): string {
  const template = messages[key][locale];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}
