// The English of internal/auth's messages. It is built only once
// phrases_test.go scans ../auth (and ../store) for messages as it does
// ../web: until then TestPhrasesAreUsed would call these unused. To switch
// it on, add "../auth" to goPhrases' directories and delete the build line.

package i18n

func init() {
	addPhrases(map[string]string{
		"نام کاربری یا گذرواژه درست نیست.": "The username or password is not right.",
		"به‌دلیل چند تلاش نادرست پیاپی، ورود به این حساب برای مدتی بسته شده است؛ کمی بعد دوباره تلاش کنید یا با مدیر سامانه تماس بگیرید.": "After several wrong attempts in a row, sign-in to this account is closed for a while; try again later or contact the system administrator.",
		"تلاش‌های نادرست از این نشانی بیش از حد مجاز است؛ لطفاً ۱۵ دقیقه دیگر دوباره تلاش کنید.":                                          "Too many wrong attempts from this address; please try again in 15 minutes.",
		"کد درست نیست؛ کد تازه‌ای را که برنامه تأیید هویت نشان می‌دهد وارد کنید.":                                                         "The code is not right; enter the current code your authenticator app shows.",
		"این کد پیش‌تر به کار رفته است؛ صبر کنید تا برنامه کد تازه‌ای نشان دهد.":                                                          "This code was already used; wait for the app to show a new one.",
		"نشست ورود شما به پایان رسیده است؛ لطفاً دوباره وارد شوید.":                                                                       "Your session has ended; please sign in again.",
		"نشست شما به پایان رسیده است؛ لطفاً دوباره وارد شوید.":                                                                            "Your session has ended; please sign in again.",
		"گذرواژه کنونی درست نیست.": "The current password is not right.",
		"گذرواژه باید دست‌کم ۱۰ نویسه باشد؛ چند واژه را کنار هم بنویسید.":                                               "The password must be at least 10 characters; write a few words together.",
		"گذرواژه حداکثر ۱۲۸ نویسه می‌تواند باشد.":                                                                       "The password can be at most 128 characters.",
		"این گذرواژه بسیار رایج است و به‌آسانی حدس زده می‌شود؛ گذرواژه دیگری برگزینید، مثلاً چند واژه نامرتبط کنار هم.": "This password is very common and easily guessed; choose another, for example a few unrelated words together.",
		"گذرواژه نباید نام کاربری شما را در خود داشته باشد.":                                                            "The password must not contain your username.",
		"حساب کاربری شما فعال نیست؛ با مدیر سامانه تماس بگیرید.":                                                        "Your account is not active; contact the system administrator.",
		"برای این حساب هنوز گذرواژه‌ای تعیین نشده است.":                                                                 "No password has been set for this account yet.",
		"این کار فقط از مدیر سامانه برمی‌آید.":                                                                          "Only the system administrator can do this.",
		"نام کاربری باید ۳ تا ۳۲ نویسه از حروف کوچک انگلیسی، رقم، نقطه، خط تیره یا خط زیر باشد و با حرف آغاز شود.":      "The username must be 3 to 32 lower-case English letters, digits, dots, hyphens or underscores, starting with a letter.",
		"این نام کاربری پیش‌تر ثبت شده است.":                                                                            "This username is already taken.",
		"نام و نام خانوادگی را وارد کنید.":                                                                              "Enter the full name.",
		"دست‌کم یک نقش برگزینید.":                                                                                       "Choose at least one role.",
		"این نقش شناخته نیست.":                                                                                          "This role is not known.",
		"دست‌کم یک واحد برگزینید.":                                                                                      "Choose at least one unit.",
		"واحدی با این کد پیدا نشد.":                                                                                     "No unit has this code.",
	})
}
