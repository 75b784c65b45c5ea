package contract

// NewValidatorDecodingTwice is a validator that leaves every response body to
// openapi3filter to decode, as before decoding once: the reference the fuzz test holds the
// validator's violations to.
func NewValidatorDecodingTwice() (*Validator, error) {
	v, err := NewValidator()
	if err != nil {
		return nil, err
	}
	v.decodeOnce = false
	return v, nil
}
