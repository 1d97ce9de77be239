package i18n

// The short link of an SMS (/t/{token}): the page that asks only for the
// mobile number.
func init() {
	addPhrases(map[string]string{
		"برای دیدن وضعیت درخواستی که پیامک آن را گرفته‌اید، شماره همراهی را که با آن درخواست داده‌اید وارد کنید. رقم‌ها را می‌توانید فارسی یا انگلیسی بنویسید.": "To see where the request you got the SMS about stands, enter the mobile number you applied with. You may type the digits in Persian or English.",
		"پیگیری با کد رهگیری": "Track with the tracking code instead",
		"درخواستی با این پیوند و شماره همراه پیدا نشد. شماره همراهی را که با آن درخواست داده‌اید وارد کنید، یا با کد رهگیری پیگیری کنید.": "We could not find a request with this link and mobile number. Enter the mobile number you applied with, or track the request with its tracking code.",
	})
}
