package emulator

// message is an error message in the two languages the API speaks.
type message struct {
	en, zh string
}

// untranslated is a message the API sends in English only.
func untranslated(en string) message {
	return message{en: en, zh: en}
}

// in returns the message in language (X-Language); English unless zh-cn.
func (m message) in(language string) string {
	if language == "zh-cn" {
		return m.zh
	}
	return m.en
}

// Error codes, as the gateway and the service send them. The first three
// are documented (README.md of ../shared/api: authentication failed, no
// such API, invalid parameter); the IAM codes are invented, since iam.md
// gives none.
const (
	codeAuthFailed       = "APIGW.0301"
	codeNoSuchAPI        = "APIGW.0101"
	codeInvalidParameter = "DBS.200001"
	codeIAMAuthFailed    = "IAM.0001"
	codeIAMBadRequest    = "IAM.0002"
	codeIAMForbidden     = "IAM.0003"
)

func msgAuthFailed() message {
	return message{
		en: "Incorrect IAM authentication information: verify aksk signature fail",
		zh: "IAM认证信息错误：token校验失败",
	}
}

func msgNoSuchAPI() message {
	return message{
		en: "The API does not exist or has not been published in the environment",
		zh: "API不存在或尚未在环境中发布",
	}
}

func msgInvalidParameter(name string) message {
	return message{
		en: "Invalid parameter: " + name,
		zh: "参数错误：" + name,
	}
}

func msgEndNotAfterBegin() message {
	return message{
		en: "Invalid parameter: end_time must be later than begin_time",
		zh: "参数错误：end_time必须晚于begin_time",
	}
}

// msgSignatureExpired is what the gateway says, with APIGW.0301, of an
// X-Sdk-Date more than 15 minutes from its clock.
func msgSignatureExpired() message {
	return message{
		en: "Incorrect IAM authentication information: verify aksk signature fail, signature expired",
		zh: "IAM认证信息错误：AK/SK签名校验失败，签名已过期",
	}
}

// msgParameterError is the generic message of DBS.200001, which names no
// parameter.
func msgParameterError() message {
	return message{en: "Parameter error.", zh: "参数错误。"}
}

func msgTimeNotBeforeNow(name string) message {
	return message{
		en: "Invalid parameter: " + name + " must be earlier than the current time",
		zh: "参数错误：" + name + "必须早于当前时间",
	}
}

func msgLoginFailed() message {
	return message{
		en: "The username or password is wrong.",
		zh: "用户名或密码错误。",
	}
}

func msgNoSuchProject() message {
	return message{
		en: "The project in the scope does not exist.",
		zh: "scope中的项目不存在。",
	}
}

func msgTokenExpired() message {
	return message{
		en: "Incorrect IAM authentication information: the security token has expired",
		zh: "IAM认证信息错误：安全令牌已过期",
	}
}

func msgNoSuchAgency() message {
	return message{
		en: "The agency does not exist or does not trust the caller.",
		zh: "委托不存在或不信任调用者。",
	}
}
