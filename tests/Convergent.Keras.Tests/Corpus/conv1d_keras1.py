# Keras 1 1-D convnet for sequence classification (Convolution1D with input_dim / input_length).
from keras.models import Sequential
from keras.layers import Convolution1D, MaxPooling1D, GlobalAveragePooling1D, Dense, Dropout

timesteps = 100
model = Sequential()
model.add(Convolution1D(nb_filter=64, filter_length=3, border_mode='same', activation='relu',
                        input_dim=1, input_length=timesteps))
model.add(Convolution1D(64, 3, activation='relu', subsample_length=1))
model.add(MaxPooling1D(pool_length=2))
model.add(Convolution1D(128, 3, border_mode='same', activation='relu'))
model.add(GlobalAveragePooling1D())
model.add(Dropout(0.5))
model.add(Dense(1, activation='sigmoid'))
model.compile(loss='binary_crossentropy', optimizer='adam', metrics=['accuracy'])
model.fit(X_train, y_train, batch_size=16, nb_epoch=10, validation_split=0.2, shuffle=False)
