namespace PowerBrain.Tests.Support
{
    /// <summary>Signatures made by openssl over RsaVector.Message, for the tests and the device bench:
    /// RSA-PSS (genrsa 2048; dgst -sha256 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:32) and
    /// ECDSA P-256 (ecparam -name prime256v1 -genkey; dgst -sha256 -sign, DER).</summary>
    public static class SignatureVectors
    {
        public const string PssModulus = "BBD829A53361BCC9E4ABBAD73243A39943F3AC2F17E04619B40B51039DC526220A50B3CD82346A1B60C3334BFDA6D37E23B4E527306AE6B276837FA0149BE9E09F194E326B5BF0765DE2DE1F1B6909BA49BEE4931857059DEF566763A5E9D60B95218E950B495F3908142125A86C6B789B391742C2C60FC331AB3B7F774A3EA702089F1ADE036B76DFCC1D12E22C203C0C8CEEB1E4EE2549E29F246B4F03F208813D6C25A405E3D77CC633397EE988396B9BE18F27012F24098E9AE3B9278FCE85CF8866FB088E07CC6921B356768D01C2AB14A146AD0FA947A1A668F10D024360F5D81DBFF2924C54C39DED4D6B49E2AE2AB7A4924D902315A2CB89E4730DD9";
        public const string PssSignature = "7ec570c6ea25375ee6e78d012160ed552357e6a0331f6a63aa4bb5a08e55d1485928bd5ebcc8cf0efe6456f0928396d1977c9fd61c6eb55843f64c1173030c85910b313f0e5f31cb8a56b68dd919eb60476cd37664da6a38841b743544100c18045104463d59ec5034af4b9a493ae72d364a9c5a5b346c27c1f2f72079a2ab37c6b0f29e6698e39df97844ac31344b3be015be775d5955acfd52a8e37311781f4093fc4789bdadf559bc8fd5c728ec97af8569108b3b0a614fce24ce04133c9b428ef2aaf2113e6cf2dfdc51735cd22b47b8931fbb5317121c87b95bf5961c832c07de3ead862bda356587ee904786e3b2b93010f96482a949fac944f6935bc6";
        /// <summary>The uncompressed public point 04 X Y.</summary>
        public const string EcPoint = "0479983bb8eb7cd576ad7d73c3a6f19c9f13944a5f2fcb1439a3857037f5c1ce058e90ee80212f87509a542b0f0aa6f522be7c7e3a83cae19e52ef4f6d589b8527";
        /// <summary>The SHA-256 of a text's UTF-8 (what the signatures above sign).</summary>
        public static byte[] Digest(string text)
        {
            byte[] b = System.Text.Encoding.UTF8.GetBytes(text);
            return PowerBrain.Firmware.Security.Sha256.Hash(b, 0, b.Length);
        }

        public const string EcSignature = "3045022100ec1c167ccc7c7c61cb836499efeb3e1adcff6c04d21ccd1d3799840e683e4ace02200f1e5f7a253feb79b9ac7764ebb993b66b5fea5550025e06f5a651a57e7652bb";
    }
}
