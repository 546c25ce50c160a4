package emulator

// message is an error message in the two languages the API speaks.
type message struct {
	en, zh string
}

// in returns the message in language (X-Language); English unless zh-cn.
func (m message) in(language string) string {
	if language == "zh-cn" {
		return m.zh
	}
	return m.en
}

// Error codes, as the gateway and the service send them.
const (
	codeAuthFailed       = "APIGW.0301"
	codeNoSuchAPI        = "APIGW.0101"
	codeInvalidParameter = "DBS.200001"
	codeClockSkew        = "APIGW.0303"
	codeIAMAuthFailed    = "IAM.0001"
	codeIAMBadRequest    = "IAM.0002"
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

func msgClockSkew() message {
	return message{
		en: "Incorrect app authentication information: the X-Sdk-Date is more than 15 minutes from the server time",
		zh: "APP认证信息错误：X-Sdk-Date与服务器时间相差超过15分钟",
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
